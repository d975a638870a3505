using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Attachments;
using Vigil.Core.Cve;
using Vigil.Core.Errors;
using Vigil.Core.Extensions;
using Vigil.Core.Reports;
using Vigil.Web.Api;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// One report for its participants: the report, countdown, timeline and conversation, and the actions the
/// viewer may take. Someone who may not see it gets the same 404 page as for a report that does not exist,
/// with a form for a follow-up token (anonymous reporters). Each action is a form handler calling one use
/// case (injected into the handler); the use case decides whether the viewer may (the page only hides what cannot apply).
/// </summary>
public sealed class ShowModel(GetReport get, ListParticipants participants) : UseCasePageModel
{
    public ReportView? Report { get; private set; }

    /// <summary>The report's participants, for the team only (null for anyone else).</summary>
    public IReadOnlyList<ParticipantView>? Participants { get; private set; }
    public string? Problem => Failure?.Text;
    public long Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Id = id;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public IActionResult OnPostToken(long id, string? token)
    {
        if (!string.IsNullOrWhiteSpace(token))
        {
            FollowUpCookie.Write(Response, id, token.Trim(), Request.IsHttps);
        }
        return Redirect($"/reports/{id}");
    }

    public Task<IActionResult> OnPostCommentAsync(long id, string? text, bool isInternal, [FromServices] CommentOnReport comment, CancellationToken ct) =>
        ActAsync(id, actor => comment.ExecuteAsync(id, actor, text ?? "", isInternal, ct), ct);

    public Task<IActionResult> OnPostAttachAsync(long id, bool isInternal, [FromServices] AttachToReport attach, CancellationToken ct) =>
        ActAsync(id, async actor =>
            await attach.ExecuteAsync(id, actor, await AttachmentsEndpoints.FilesAsync(Request.Form, ct), isInternal, ct), ct);

    public Task<IActionResult> OnPostAcceptAsync(long id, [FromServices] TriageReport triage, CancellationToken ct) =>
        ActAsync(id, actor => triage.AcceptAsync(id, actor, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(long id, string? reason, long? duplicateOf, string? note, [FromServices] TriageReport triage, CancellationToken ct) =>
        ActAsync(id, actor => ReportStates.TryParseReason(reason, out var r)
            ? triage.RejectAsync(id, actor, r, duplicateOf, note, ct)
            : throw new ValidationFailedException("Choose a reason.", new Dictionary<string, string[]> { ["reason"] = ["choose a reason."] }), ct);

    public Task<IActionResult> OnPostMergeDuplicatesAsync(long id, string? note, [FromServices] MergeDuplicates merge, CancellationToken ct) =>
        ActAsync(id, actor => merge.ExecuteAsync(id, actor, null, note, ct), ct);

    public Task<IActionResult> OnPostQuestionAsync(long id, string? question, [FromServices] TriageReport triage, CancellationToken ct) =>
        ActAsync(id, actor => triage.AskForInformationAsync(id, actor, question ?? "", ct), ct);

    public Task<IActionResult> OnPostInviteAsync(long id, string? email, [FromServices] InviteMaintainer invite, CancellationToken ct) =>
        ActAsync(id, actor => invite.ExecuteAsync(id, actor, null, email, ct), ct);

    public Task<IActionResult> OnPostFixStartedAsync(long id, [FromServices] AdvanceReport advance, CancellationToken ct) =>
        ActAsync(id, actor => advance.StartFixAsync(id, actor, ct), ct);

    /// <summary>Form fields <c>fixed[NAME]</c> and, for the team, <c>confirmNarrower</c> (docs/disclosure.md, "Fixed").</summary>
    public Task<IActionResult> OnPostFixedAsync(long id, Dictionary<string, string>? @fixed, bool confirmNarrower, [FromServices] AdvanceReport advance, CancellationToken ct) =>
        ActAsync(id, actor => advance.MarkFixedAsync(id, actor,
            (@fixed ?? []).Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value.Trim()), ct, confirmNarrower), ct);

    public Task<IActionResult> OnPostDisclosureDateAsync(long id, string? date, [FromServices] SetDisclosureDate set, CancellationToken ct) =>
        ActAsync(id, actor => set.ExecuteAsync(id, actor, ParseDate(date, "date"), ct), ct);

    public Task<IActionResult> OnPostExtensionAsync(long id, string? reason, string? proposedDueAt, [FromServices] RequestExtension request, CancellationToken ct) =>
        ActAsync(id, actor => request.ExecuteAsync(id, actor, reason ?? "", ParseDate(proposedDueAt, "proposedDueAt"), ct), ct);

    public Task<IActionResult> OnPostBallotAsync(long id, bool inFavour, [FromServices] CastExtensionVote cast, CancellationToken ct) =>
        ActAsync(id, actor => cast.ExecuteAsync(id, actor, inFavour, ct), ct);

    public Task<IActionResult> OnPostCveAsync(long id, string? action, string? cveId, [FromServices] AssignCve assign, CancellationToken ct) =>
        ActAsync(id, actor => action switch
        {
            "request" => assign.RequestAsync(id, actor, ct),
            "reserve" => assign.ReserveFromBlockAsync(id, actor, ct),
            "record" => assign.RecordAsync(id, actor, cveId ?? "", ct),
            _ => throw new ValidationFailedException("Choose a CVE action.", new Dictionary<string, string[]> { ["action"] = ["request, reserve or record."] }),
        }, ct);

    /// <summary>One credit per line, <c>TYPE name</c> (e.g. <c>COORDINATOR Vigil security team</c>); one reference per line, <c>TYPE url</c>.</summary>
    public Task<IActionResult> OnPostCreditsAsync(long id, string? credits, string? references, [FromServices] ReportCredits set, CancellationToken ct) =>
        ActAsync(id, actor => set.SetAsync(id, actor,
            Lines(credits).Select(l => new CreditInput(l.Tail, l.Head)).ToList(),
            Lines(references).Select(l => new ReferenceInput(l.Head, l.Tail)).ToList(), ct), ct);

    public Task<IActionResult> OnPostDeclineCreditAsync(long id, [FromServices] ReportCredits credits, CancellationToken ct) =>
        ActAsync(id, actor => credits.DeclineAsync(id, actor, ct), ct);

    public Task<IActionResult> OnPostAnonymousCreditAsync(long id, bool anonymous, [FromServices] ReportCredits credits, CancellationToken ct) =>
        ActAsync(id, actor => credits.SetAnonymousAsync(id, actor, anonymous, ct), ct);

    public Task<IActionResult> OnPostRemoveParticipantAsync(long id, long participantId, [FromServices] RemoveParticipant remove, CancellationToken ct) =>
        ActAsync(id, actor => remove.ExecuteAsync(id, actor, participantId, ct), ct);

    public Task<IActionResult> OnPostRevokeInvitationAsync(long id, long invitationId, [FromServices] RevokeInvitation revoke, CancellationToken ct) =>
        ActAsync(id, actor => revoke.ExecuteAsync(id, actor, invitationId, ct), ct);

    public Task<IActionResult> OnPostReleaseAsync(long id, [FromServices] ReleaseFromReview release, CancellationToken ct) =>
        ActAsync(id, actor => release.ExecuteAsync(id, actor, ct), ct);

    private static IEnumerable<(string Head, string Tail)> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(parts => (parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : ""));

    public Task<IActionResult> OnPostPublishAsync(long id, [FromServices] PublishReport publish, CancellationToken ct) =>
        ActAsync(id, actor => publish.ExecuteAsync(id, actor, ct), ct);

    public Task<IActionResult> OnPostWithdrawAsync(long id, string? reason, [FromServices] WithdrawReport withdraw, CancellationToken ct) =>
        ActAsync(id, actor => withdraw.ExecuteAsync(id, actor, reason ?? "", ct), ct);

    /// <summary>
    /// Corrects the published advisory (docs/publication.md, "Corrections"): fields <c>affected[NAME]</c> and
    /// <c>fixed[NAME]</c> per package, <c>cvssVector</c>, <c>reason</c> (published) and <c>confirmNarrower</c>.
    /// </summary>
    public Task<IActionResult> OnPostCorrectAsync(long id, Dictionary<string, string>? affected, Dictionary<string, string>? @fixed, string? cvssVector,
        string? reason, bool confirmNarrower, [FromServices] Core.Publication.CorrectAdvisory correct, CancellationToken ct) =>
        ActAsync(id, async actor =>
        {
            var report = await get.ExecuteAsync(id, actor, ct);
            var packages = report.Packages.Select(p => new Core.Publication.CorrectedPackage(p.Ecosystem, p.Name,
                affected?.GetValueOrDefault(p.Name)?.Trim() is { Length: > 0 } range ? range : p.AffectedVersions,
                @fixed?.GetValueOrDefault(p.Name)?.Trim())).ToList();
            await correct.ExecuteAsync(report.AdvisoryId ?? "", actor,
                new Core.Publication.AdvisoryCorrection(reason ?? "", packages, cvssVector, ConfirmNarrowerRange: confirmNarrower), ct);
        }, ct);

    /// <summary>A date from a <c>datetime-local</c> input (read as UTC) or an ISO 8601 date with offset.</summary>
    private static DateTimeOffset ParseDate(string? value, string field) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new ValidationFailedException($"'{value}' is not a date.", new Dictionary<string, string[]> { [field] = ["a date and time, e.g. 2026-12-31T12:00 (UTC)."] });

    private Task<IActionResult> ActAsync(long id, Func<Core.Reports.Actor, Task> action, CancellationToken cancellationToken)
    {
        Id = id;
        return FormAsync("report", async () =>
        {
            await action(ReportPageActor.From(HttpContext, id));
            return Redirect($"/reports/{id}");
        }, () => LoadAsync(cancellationToken));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = ReportPageActor.From(HttpContext, Id);
        Report = await FindAsync(() => get.ExecuteAsync(Id, actor, cancellationToken));
        Participants = Report is { ViewerRole: "team" or "admin" } ? await participants.ExecuteAsync(Id, actor, cancellationToken) : null;
    }
}
