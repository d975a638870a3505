using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Publication;

namespace Vigil.Core.Reports;

public sealed record CreditInput(string? Name, string? Type, Guid? UserId = null);

public sealed record ReferenceInput(string? Type, string? Url);

/// <summary>
/// What the advisory will say besides the report's text (issue 4, item 10): the team sets its credits (OSV
/// credit types: coordinator, remediation developer, …) and references before publication; a credited person
/// — the reporter for the finder credit, an account for a credit naming it — may decline, and a declined
/// credit is not published. Kept sealed with the report until then.
/// </summary>
public sealed class ReportCredits(VigilDbContext db, ReportVault vault, TimeProvider time)
{
    public const int MaxItems = 20;

    public async Task SetAsync(long id, Actor actor, IReadOnlyList<CreditInput> credits, IReadOnlyList<ReferenceInput> references, CancellationToken cancellationToken = default)
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
                .Select(c => new ReportCredit(c.Name, c.Type, c.UserId, declined.Contains(c), anonymous.Contains(c))).ToList(),
            References = references.Select(r => new DraftReference(r.Type!, r.Url!.Trim())).ToList(),
        }).Seal(dataKey);
        report.Revision++;
        ReportTimeline.Add(db, report, actor, ReportEventKind.CreditsSet, time.GetUtcNow(), EventVisibility.Participants,
            detail: $"{credits.Count} credit(s), {references.Count} reference(s)");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The caller declines the credits that name them: the reporter the finder credit, an account the credits bearing its id.</summary>
    public async Task DeclineAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        if (report.State is ReportState.Published or ReportState.Withdrawn)
        {
            throw new ConflictException($"Report #{id} is {report.State.Name()}: the advisory is public; ask the team to edit its credits.");
        }
        var dataKey = vault.Unwrap(report.WrappedKey);
        var content = ReportContent.Open(dataKey, report.SealedContent);
        var isReporter = access.Role == ReportRole.Reporter && (actor.Kind == ActorKind.FollowUpToken || actor.UserId == report.ReporterUserId);
        var mine = content.Credits.Where(c => actor.UserId is { } user && c.UserId == user && !c.Declined).ToList();
        if (!(isReporter && content.CreditName is not null && !content.FinderCreditDeclined) && mine.Count == 0)
        {
            throw new ConflictException($"Report #{id} has no credit of yours to decline.");
        }
        report.SealedContent = (content with
        {
            FinderCreditDeclined = content.FinderCreditDeclined || isReporter,
            Credits = content.Credits.Select(c => mine.Contains(c) ? c with { Declined = true } : c).ToList(),
        }).Seal(dataKey);
        report.Revision++;
        ReportTimeline.Add(db, report, actor, ReportEventKind.CreditDeclined, time.GetUtcNow(), EventVisibility.Participants);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The caller keeps the credits that name them but without their name (or takes the name back with
    /// <paramref name="anonymous"/> false): the advisory says "Anonymous", and their profile lists it only to them.
    /// </summary>
    public async Task SetAnonymousAsync(long id, Actor actor, bool anonymous, CancellationToken cancellationToken = default)
    {
        var (report, access) = await ReportAccess.LoadAsync(db, id, actor, cancellationToken);
        if (report.State is ReportState.Published or ReportState.Withdrawn)
        {
            throw new ConflictException($"Report #{id} is {report.State.Name()}: the advisory is public; ask the team to edit its credits.");
        }
        var dataKey = vault.Unwrap(report.WrappedKey);
        var content = ReportContent.Open(dataKey, report.SealedContent);
        var isReporter = access.Role == ReportRole.Reporter && (actor.Kind == ActorKind.FollowUpToken || actor.UserId == report.ReporterUserId)
            && content.CreditName is not null && !content.FinderCreditDeclined;
        var mine = content.Credits.Where(c => actor.UserId is { } user && c.UserId == user && !c.Declined).ToList();
        if (!isReporter && mine.Count == 0)
        {
            throw new ConflictException($"Report #{id} has no credit of yours to make anonymous.");
        }
        report.SealedContent = (content with
        {
            FinderCreditAnonymous = isReporter ? anonymous : content.FinderCreditAnonymous,
            Credits = content.Credits.Select(c => mine.Contains(c) ? c with { Anonymous = anonymous } : c).ToList(),
        }).Seal(dataKey);
        report.Revision++;
        ReportTimeline.Add(db, report, actor, ReportEventKind.CreditMadeAnonymous, time.GetUtcNow(), EventVisibility.Participants,
            detail: anonymous ? "anonymous" : "named");
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Dictionary<string, string[]> Validate(IReadOnlyList<CreditInput> credits, IReadOnlyList<ReferenceInput> references)
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
                errors[$"credits[{i}].type"] = [$"'{credits[i].Type}' is not an OSV credit type ({DraftValidation.CreditTypeList})."];
            }
        }
        for (var i = 0; i < references.Count; i++)
        {
            if (references[i].Type is not { } type || !DraftValidation.IsReferenceType(type))
            {
                errors[$"references[{i}].type"] = [$"'{references[i].Type}' is not an OSV reference type ({DraftValidation.ReferenceTypeList})."];
            }
            if (!Uri.TryCreate(references[i].Url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                errors[$"references[{i}].url"] = [$"'{references[i].Url}' is not an http(s) URL."];
            }
        }
        return errors;
    }
}
