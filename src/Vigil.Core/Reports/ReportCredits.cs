using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Publication;

namespace Vigil.Core.Reports;

public sealed record CreditInput(string? Name, string? Type, Guid? UserId = null);

public sealed record ReferenceInput(string? Type, string? Url);

/// <summary>
/// What the advisory will say besides the report's text (docs/disclosure.md, credits): the team sets its credits (OSV
/// credit types: coordinator, remediation developer, …) and references before publication; a credited person
/// — the reporter for the finder credit, an account for a credit naming it — may decline, and a declined
/// credit is not published. Kept sealed with the report until then.
/// </summary>
public sealed class ReportCredits(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public const int MaxItems = 20;

    public async Task SetAsync(
        long id,
        Actor actor,
        IReadOnlyList<CreditInput> credits,
        IReadOnlyList<ReferenceInput> references,
        CancellationToken cancellationToken = default)
    {
        var errors = Validate(credits, references);
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        TeamDecision.Require(access, id);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.Values.First()[0], errors);
        }
        if (report.State is ReportState.Published or ReportState.Withdrawn or ReportState.Rejected)
        {
            throw new ConflictException($"Report #{id} is {report.State.Name()}; credits are set before publication.");
        }
        var dataKey = vault.Unwrap(report.WrappedKey);
        var content = ReportContent.Open(dataKey, report.SealedContent);
        // The credited person's own choices (declined, anonymous) survive the team's edits of the list.
        var declined = content.Credits.Where(c => c.Declined).Select(c => (c.Name, c.Type, c.UserId)).ToHashSet();
        var anonymous = content.Credits.Where(c => c.Anonymous).Select(c => (c.Name, c.Type, c.UserId)).ToHashSet();
        report.SealedContent = (content with
        {
            Credits = credits.Select(c => (Name: c.Name!.Trim(), Type: c.Type!, c.UserId))
                .Select(c => new ReportCredit(
                    c.Name, c.Type, c.UserId, declined.Contains(c), anonymous.Contains(c))).ToList(),
            References = references.Select(r => new DraftReference(r.Type!, r.Url!.Trim())).ToList(),
        }).Seal(dataKey);
        report.Revision++;
        ReportTimeline.Add(
            db, report, actor, ReportEventKind.CreditsSet, time.GetUtcNow(), EventVisibility.Participants,
            detail: $"{credits.Count} credit(s), {references.Count} reference(s)");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The caller declines the credits that name them: the reporter the finder credit, an account the credits
    /// bearing its id.</summary>
    public async Task DeclineAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var own = await OwnCreditsAsync(id, actor, "decline", cancellationToken);
        await SaveAsync(own, actor, ReportEventKind.CreditDeclined, null, own.Content with
        {
            FinderCreditDeclined = own.Content.FinderCreditDeclined || own.IsReporter,
            Credits = own.Content.Credits.Select(c => own.Mine.Contains(c) ? c with { Declined = true } : c).ToList(),
        }, cancellationToken);
    }

    /// <summary>
    /// The caller keeps the credits that name them but without their name (or takes the name back with
    /// <paramref name="anonymous"/> false): the advisory says "Anonymous", and their profile lists it only to them.
    /// </summary>
    public async Task SetAnonymousAsync(
        long id, Actor actor, bool anonymous, CancellationToken cancellationToken = default)
    {
        var own = await OwnCreditsAsync(id, actor, "make anonymous", cancellationToken);
        await SaveAsync(
            own, actor, ReportEventKind.CreditMadeAnonymous, anonymous ? "anonymous" : "named", own.Content with
            {
                FinderCreditAnonymous = own.HasFinderCredit ? anonymous : own.Content.FinderCreditAnonymous,
                Credits = own.Content.Credits
                    .Select(c => own.Mine.Contains(c) ? c with { Anonymous = anonymous } : c)
                    .ToList(),
            }, cancellationToken);
    }

    /// <summary>
    /// A report's credits as its caller may change them, before publication: whether the caller is its reporter
    /// and still holds the finder credit, and the team's (not declined) credits naming the caller's account.
    /// </summary>
    private sealed record OwnCredits(
        ReportEntity Report,
        byte[] DataKey,
        ReportContent Content,
        bool IsReporter,
        bool HasFinderCredit,
        IReadOnlyList<ReportCredit> Mine);

    private async Task<OwnCredits> OwnCreditsAsync(
        long id, Actor actor, string what, CancellationToken cancellationToken)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        if (report.State is ReportState.Published or ReportState.Withdrawn)
        {
            throw new ConflictException(
                $"Report #{id} is {report.State.Name()}: the advisory is public; ask the team to edit its credits.");
        }
        var dataKey = vault.Unwrap(report.WrappedKey);
        var content = ReportContent.Open(dataKey, report.SealedContent);
        var isReporter = access.Role == ReportRole.Reporter
            && (actor.Kind == ActorKind.FollowUpToken || actor.UserId == report.ReporterUserId);
        var hasFinderCredit = isReporter && content.CreditName is not null && !content.FinderCreditDeclined;
        var mine = content.Credits.Where(c => actor.UserId is { } user && c.UserId == user && !c.Declined).ToList();
        if (!hasFinderCredit && mine.Count == 0)
        {
            throw new ConflictException($"Report #{id} has no credit of yours to {what}.");
        }
        return new OwnCredits(report, dataKey, content, isReporter, hasFinderCredit, mine);
    }

    private async Task SaveAsync(
        OwnCredits own,
        Actor actor,
        ReportEventKind kind,
        string? detail,
        ReportContent changed,
        CancellationToken cancellationToken)
    {
        own.Report.SealedContent = changed.Seal(own.DataKey);
        own.Report.Revision++;
        ReportTimeline.Add(db, own.Report, actor, kind, time.GetUtcNow(), EventVisibility.Participants, detail: detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Dictionary<string, string[]> Validate(
        IReadOnlyList<CreditInput> credits, IReadOnlyList<ReferenceInput> references)
    {
        var errors = new Dictionary<string, string[]>();
        if (credits.Count > MaxItems || references.Count > MaxItems)
        {
            errors["credits"] = [$"at most {MaxItems} credits and {MaxItems} references."];
        }
        for (var i = 0; i < credits.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(credits[i].Name) || credits[i].Name!.Trim().Length > 200)
            {
                errors[$"credits[{i}].name"] = ["a name of 1–200 characters."];
            }
            if (credits[i].Type is not { } type || !DraftValidation.IsCreditType(type))
            {
                errors[$"credits[{i}].type"] = [
                    $"'{credits[i].Type}' is not an OSV credit type ({DraftValidation.CreditTypeList})."];
            }
        }
        for (var i = 0; i < references.Count; i++)
        {
            if (references[i].Type is not { } type || !DraftValidation.IsReferenceType(type))
            {
                errors[$"references[{i}].type"] = [
                    $"'{references[i].Type}' is not an OSV reference type ({DraftValidation.ReferenceTypeList})."];
            }
            if (!Uri.TryCreate(references[i].Url?.Trim(), UriKind.Absolute, out var url)
                || url.Scheme is not ("https" or "http"))
            {
                errors[$"references[{i}].url"] = [$"'{references[i].Url}' is not an http(s) URL."];
            }
        }
        return errors;
    }
}
