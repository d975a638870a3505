using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Attachments;
using Vigil.Core.Cve;
using Vigil.Core.Errors;
using Vigil.Core.ExtensionVotes;
using Vigil.Core.Reports;
using Vigil.Core.SavedReplies;
using Vigil.Web.Attachments;
using Vigil.Web.Pages.Shared;
using Vigil.Web.Reports;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// One report for its participants: the report, countdown, timeline and conversation, and the actions the
/// viewer may take. Someone who may not see it gets the same 404 page as for a report that does not exist,
/// with a form for a follow-up token (anonymous reporters). Each action is a form handler calling one use
/// case (injected into the handler); the use case decides whether the viewer may (the page only hides what
/// cannot apply).
/// </summary>
public sealed partial class ShowModel(GetReport get, ListParticipants participants, ReportSavedReplies savedReplies)
    : UseCasePageModel
{
    /// <summary>The program's saved replies, expanded for this report: the team's alone (empty for others).</summary>
    public IReadOnlyList<ExpandedReply> SavedReplies { get; private set; } = [];

    public ReportView? Report { get; private set; }

    /// <summary>The report's participants: in full for the team, by part and date for the other participants.</summary>
    public IReadOnlyList<ParticipantView>? Participants { get; private set; }
    public string? Problem => Failure is { } f && Fields.Summary.Count > 0
        ? string.Join(" ", Fields.Summary.Select(p => p.Label is null ? p.Message : $"{p.Label}: {p.Message}"))
        : Failure?.Message;
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

    /// <summary>
    /// Posts <paramref name="text"/>, or, when it is empty and <paramref name="savedReply"/> is chosen, that saved
    /// reply as it reads on this report (the form without JavaScript; with it, the reply fills the box for editing).
    /// </summary>
    public Task<IActionResult> OnPostCommentAsync(long id, string? text, bool isInternal, long? savedReply,
        [FromServices] CommentOnReport comment, CancellationToken ct) =>
        ActAsync(id, async actor => await comment.ExecuteAsync(
            id, actor, await TextOrSavedReplyAsync(id, actor, text, savedReply, ct), isInternal, ct), ct,
            "Your comment is posted.");

    public Task<IActionResult> OnPostAttachAsync(long id, bool isInternal, [FromServices] AttachToReport attach,
        CancellationToken ct) =>
        ActAsync(id, async actor =>
            await attach.ExecuteAsync(
                id, actor, await AttachmentsEndpoints.FilesAsync(Request.Form, ct), isInternal, ct),
            ct, "The files are attached.");

    public Task<IActionResult> OnPostAcceptAsync(long id, [FromServices] TriageReport triage, CancellationToken ct) =>
        ActAsync(id, actor => triage.AcceptAsync(id, actor, ct), ct,
            "Report accepted: you follow it now. Invite the maintainers next.");

    public Task<IActionResult> OnPostRejectAsync(long id, string? reason, long? duplicateOf, string? note,
        [FromServices] TriageReport triage, CancellationToken ct) =>
        ActAsync(id, actor => ReportStates.TryParseReason(reason, out var r)
            ? triage.RejectAsync(id, actor, r, duplicateOf, note, ct)
            : throw new ValidationFailedException("Choose a reason.",
                new Dictionary<string, string[]> { ["reason"] = ["choose a reason."] }),
            ct, "Report rejected. The reporter is told.");

    public Task<IActionResult> OnPostMergeDuplicatesAsync(long id, string? note, [FromServices] MergeDuplicates merge,
        CancellationToken ct) =>
        ActAsync(id, actor => merge.ExecuteAsync(id, actor, null, note, ct), ct,
            "The duplicates are closed into this report. Their reporters are told.");

    public Task<IActionResult> OnPostQuestionAsync(long id, string? question, long? savedReply,
        [FromServices] TriageReport triage, CancellationToken ct) =>
        ActAsync(id, async actor => await triage.AskForInformationAsync(
            id, actor, await TextOrSavedReplyAsync(id, actor, question, savedReply, ct), ct), ct,
            "Your question is sent to the reporter. The report waits for their answer.");

    private async Task<string> TextOrSavedReplyAsync(
        long id, Core.Reports.Actor actor, string? text, long? savedReply, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(text) && savedReply is { } reply
            ? await savedReplies.ExpandAsync(id, actor, reply, ct)
            : text ?? "";

    /// <summary>
    /// Invites by e-mail and says what happened: whether an e-mail carries the link (an SMTP server is configured), and
    /// the link itself, shown once for the inviter to pass on (<see cref="InvitationLinks"/>).
    /// </summary>
    public Task<IActionResult> OnPostInviteAsync(long id, string? email, [FromServices] InviteMaintainer invite,
        [FromServices] InvitationLinks links, CancellationToken ct)
    {
        Id = id;
        return FormAsync("Invite", async () =>
        {
            var invitation = await invite.ExecuteAsync(id, ReportPageActor.From(HttpContext, id), null, email, ct);
            var address = invitation.Participant.Email;
            var renewed = invitation.Renewed
                ? $"{address} was invited before: this new link replaces the earlier one, which no longer works. "
                : "";
            var sent = links.SendsMail
                ? $"An e-mail with the link is on its way to {address}."
                : "No e-mail was sent: this site has no mail server set up. Copy the link and send it to "
                    + $"{address} yourself.";
            Flash.Set(TempData, $"Invitation ready. {renewed}{sent}",
                links.For(Request, id, invitation.Token!).AbsoluteUri);
            return Redirect($"/reports/{id}");
        }, () => LoadAsync(ct));
    }

    public Task<IActionResult> OnPostFixStartedAsync(long id, [FromServices] AdvanceReport advance,
        CancellationToken ct) =>
        ActAsync(id, actor => advance.StartFixAsync(id, actor, ct), ct, "Marked: a fix is in progress.");

    /// <summary>
    /// Form fields <c>fixed[NAME]</c> and, for the team, <c>confirmNarrower</c> (docs/disclosure.md, "Fixed").
    /// </summary>
    public Task<IActionResult> OnPostFixedAsync(long id, Dictionary<string, string>? @fixed, bool confirmNarrower,
        [FromServices] AdvanceReport advance, CancellationToken ct) =>
        ActAsync(id, actor => advance.MarkFixedAsync(id, actor,
            (@fixed ?? [])
                .Where(f => !string.IsNullOrWhiteSpace(f.Value))
                .ToDictionary(f => f.Key, f => f.Value.Trim()),
            ct, confirmNarrower), ct, "Marked fixed. The team publishes on the agreed date or at the deadline.");

    public Task<IActionResult> OnPostDisclosureDateAsync(long id, string? date, [FromServices] SetDisclosureDate set,
        CancellationToken ct) =>
        ActAsync(id, actor => set.ExecuteAsync(id, actor, ParseDate(date, "date"), ct), ct, "Disclosure date set.");

    public Task<IActionResult> OnPostExtensionAsync(long id, string? reason, string? proposedDueAt,
        [FromServices] RequestExtension request, CancellationToken ct) =>
        ActAsync(id, actor =>
            request.ExecuteAsync(id, actor, reason ?? "", ParseDate(proposedDueAt, "proposedDueAt"), ct),
            ct, "Extension vote opened: the team and the reporter vote.");

    public Task<IActionResult> OnPostBallotAsync(long id, bool inFavour, [FromServices] CastExtensionVote cast,
        CancellationToken ct) =>
        ActAsync(id, actor => cast.ExecuteAsync(id, actor, inFavour, ct), ct, "Your vote is counted.");

    public Task<IActionResult> OnPostCveAsync(long id, string? action, string? cveId, [FromServices] AssignCve assign,
        CancellationToken ct) =>
        ActAsync(id, actor => action switch
        {
            "request" => assign.RequestAsync(id, actor, ct),
            "reserve" => assign.ReserveFromBlockAsync(id, actor, ct),
            "record" => assign.RecordAsync(id, actor, cveId ?? "", ct),
            _ => throw new ValidationFailedException("Choose a CVE action.",
                new Dictionary<string, string[]> { ["action"] = ["request, reserve or record."] }),
        }, ct, "CVE saved.");

    /// <summary>
    /// One credit per line, <c>TYPE name</c> (e.g. <c>COORDINATOR Vigil security team</c>); one reference per line,
    /// <c>TYPE url</c>.
    /// </summary>
    public Task<IActionResult> OnPostCreditsAsync(long id, string? credits, string? references,
        [FromServices] ReportCredits set, CancellationToken ct) =>
        ActAsync(id, actor => set.SetAsync(id, actor,
            Lines(credits).Select(l => new CreditInput(l.Tail, l.Head)).ToList(),
            Lines(references).Select(l => new ReferenceInput(l.Head, l.Tail)).ToList(), ct), ct,
            "Credits and references saved.");

    public Task<IActionResult> OnPostDeclineCreditAsync(long id, [FromServices] ReportCredits credits,
        CancellationToken ct) =>
        ActAsync(id, actor => credits.DeclineAsync(id, actor, ct), ct, "Your credit is declined: it is not published.");

    public Task<IActionResult> OnPostAnonymousCreditAsync(long id, bool anonymous,
        [FromServices] ReportCredits credits, CancellationToken ct) =>
        ActAsync(id, actor => credits.SetAnonymousAsync(id, actor, anonymous, ct), ct,
            "Your credit preference is saved.");

    public Task<IActionResult> OnPostRemoveParticipantAsync(long id, long participantId,
        [FromServices] RemoveParticipant remove, CancellationToken ct) =>
        ActAsync(id, actor => remove.ExecuteAsync(id, actor, participantId, ct), ct,
            "Removed from the report: it is closed to them now.");

    public Task<IActionResult> OnPostRevokeInvitationAsync(long id, long invitationId,
        [FromServices] RevokeInvitation revoke, CancellationToken ct) =>
        ActAsync(id, actor => revoke.ExecuteAsync(id, actor, invitationId, ct), ct,
            "Invitation revoked: its link no longer opens the report.");

    public Task<IActionResult> OnPostReleaseAsync(long id, [FromServices] ReleaseFromReview release,
        CancellationToken ct) =>
        ActAsync(id, actor => release.ExecuteAsync(id, actor, ct), ct, "Released into the queue.");

    private static IEnumerable<(string Head, string Tail)> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(parts => (parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : ""));

    public Task<IActionResult> OnPostWithdrawAsync(long id, string? reason, [FromServices] WithdrawReport withdraw,
        CancellationToken ct) =>
        ActAsync(id, actor => withdraw.ExecuteAsync(id, actor, reason ?? "", ct), ct,
            "Advisory withdrawn. Clients see it withdrawn on their next query.");

    /// <summary>
    /// Corrects the published advisory (docs/publication.md, "Corrections"): fields <c>affected[NAME]</c> and
    /// <c>fixed[NAME]</c> per package, <c>cvssVector</c>, <c>reason</c> (published) and <c>confirmNarrower</c>.
    /// </summary>
    public Task<IActionResult> OnPostCorrectAsync(long id, Dictionary<string, string>? affected,
        Dictionary<string, string>? @fixed, string? cvssVector, string? reason, bool confirmNarrower,
        [FromServices] Core.Publication.CorrectAdvisory correct, CancellationToken ct) =>
        ActAsync(id, async actor =>
        {
            var report = await get.ExecuteAsync(id, actor, ct);
            var packages = report.Packages.Select(p => new Core.Publication.CorrectedPackage(p.Ecosystem, p.Name,
                affected?.GetValueOrDefault(p.Name)?.Trim() is { Length: > 0 } range ? range : p.AffectedVersions,
                @fixed?.GetValueOrDefault(p.Name)?.Trim())).ToList();
            await correct.ExecuteAsync(report.AdvisoryId ?? "", actor,
                new Core.Publication.AdvisoryCorrection(
                    reason ?? "", packages, cvssVector, ConfirmNarrowerRange: confirmNarrower), ct);
        }, ct, "Correction published as a new revision of the advisory.");

    /// <summary>A date from a <c>datetime-local</c> input (read as UTC) or an ISO 8601 date with offset.</summary>
    private static DateTimeOffset ParseDate(string? value, string field) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new ValidationFailedException($"'{value}' is not a date.",
                new Dictionary<string, string[]> { [field] = ["a date and time, e.g. 2026-12-31T12:00 (UTC)."] });

    /// <summary>
    /// Runs one form's use case; on success the answer is <paramref name="done"/>, shown once on the report page it
    /// redirects to.
    /// </summary>
    private Task<IActionResult> ActAsync(long id, Func<Core.Reports.Actor, Task> action,
        CancellationToken cancellationToken, string done,
        [System.Runtime.CompilerServices.CallerMemberName] string handler = "")
    {
        Id = id;
        var form = handler.Replace("OnPost", "", StringComparison.Ordinal)
            .Replace("Async", "", StringComparison.Ordinal);
        return FormAsync(form, async () =>
        {
            await action(ReportPageActor.From(HttpContext, id));
            Flash.Set(TempData, done);
            return Redirect($"/reports/{id}");
        }, () => LoadAsync(cancellationToken));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = ReportPageActor.From(HttpContext, Id);
        Report = await FindAsync(() => get.ExecuteAsync(Id, actor, cancellationToken));
        Participants = Report is null
            ? null
            : await participants.ExecuteAsync(Id, actor, cancellationToken, anyParticipant: true);
        SavedReplies = Report is { ViewerRole: "team" or "admin" }
            ? await savedReplies.ExecuteAsync(Id, actor, cancellationToken)
            : [];
        ViewerUserId = actor.UserId;
    }

    private Guid? ViewerUserId { get; set; }

    /// <summary>
    /// Whether the viewer holds a credit they may decline or make anonymous (the reporter's finder credit, or a
    /// credit the team gave their account), before publication: the credit buttons are shown to them alone.
    /// </summary>
    public bool ViewerHoldsCredit => Report is { State: not ("published" or "withdrawn") } report
        && (report.ViewerRole == "reporter" && report.CreditName is not null && !report.FinderCreditDeclined
            || ViewerUserId is { } user && report.Credits.Any(c => c.UserId == user && !c.Declined));

    /// <summary>The viewer's credits are all anonymous now (the button offers the other way).</summary>
    public bool ViewerCreditAnonymous => Report is { } report
        && (report.ViewerRole == "reporter" && report.CreditName is not null
            ? report.FinderCreditAnonymous
            : ViewerUserId is { } user
                && report.Credits.Where(c => c.UserId == user && !c.Declined).All(c => c.Anonymous));

    /// <summary>The team's open question to the reporter (the report waits for the answer), or null.</summary>
    public TimelineEntry? OpenQuestion => Report is { State: "needs-more-information" } report
        ? report.Timeline.LastOrDefault(e => e.ToState == "needs-more-information")
        : null;

    /// <summary>The failed form's problems beside their fields, named as people read them.</summary>
    public FieldProblems Fields => new(Failure?.Errors, FieldsOf(Failure?.Form), PackageField);

    private static Dictionary<string, (string, string)> FieldsOf(string? form) => form switch
    {
        "Question" => new() { ["question"] = ("question", "Your question") },
        "Reject" => new()
        {
            ["reason"] = ("reason", "Reject as"),
            ["duplicateOf"] = ("duplicate-of", "Duplicate of report"),
        },
        "Invite" => new() { ["email"] = ("invite-email", "Maintainer's e-mail") },
        "DisclosureDate" => new() { ["date"] = ("disclosure-date", "Agreed disclosure date") },
        "Extension" => new()
        {
            ["proposedDueAt"] = ("extension-date", "Publish later, on"),
            ["reason"] = ("extension-reason", "Because"),
        },
        "Cve" => new() { ["action"] = ("cve-action", "CVE"), ["cveId"] = ("cve-id", "CVE id") },
        "Withdraw" => new() { ["reason"] = ("withdraw-reason", "Reason for withdrawing") },
        "Correct" => new()
        {
            ["reason"] = ("correct-reason", "Reason"),
            ["cvssVector"] = ("correct-cvss", "CVSS vector"),
        },
        "Comment" => new() { ["text"] = ("comment", "Comment") },
        "Attach" => new() { ["attachments"] = ("files", "Files") },
        "Credits" => new() { ["credits"] = ("credits-text", "Credits") },
        _ => DisputeFieldsOf(form),
    };

    /// <summary>
    /// Per-package and per-line fields: <c>fixedVersions[NAME]</c>, <c>credits[i].type</c>, <c>attachments[i]</c>.
    /// </summary>
    private (string, string)? PackageField(string name)
    {
        if (name.StartsWith("fixedVersions[", StringComparison.Ordinal) && Report is { } report)
        {
            var package = name["fixedVersions[".Length..^1];
            var index = report.Packages.ToList().FindIndex(p => p.Name == package);
            return index < 0
                ? null
                : (Failure?.Form == "Correct" ? $"correct-fixed-{index}" : $"fixed-{index}",
                    $"Fixed version of {package}");
        }
        if (DisputeVersionsField(name) is { } versions)
        {
            return versions;
        }
        return name.StartsWith("credits[", StringComparison.Ordinal) ? ("credits-text", $"Credits, line {LineOf(name)}")
            : name.StartsWith("references[", StringComparison.Ordinal)
                ? ("references-text", $"References, line {LineOf(name)}")
            : name.StartsWith("attachments[", StringComparison.Ordinal) ? ("files", "Files")
            : null;
    }

    private static int LineOf(string name) =>
        int.TryParse(
            name.AsSpan(
                name.IndexOf('[', StringComparison.Ordinal) + 1,
                name.IndexOf(']', StringComparison.Ordinal) - name.IndexOf('[', StringComparison.Ordinal) - 1),
            CultureInfo.InvariantCulture, out var i) ? i + 1 : 0;
}
