using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Web.Api;

namespace Vigil.Web.Pages.Reports;

/// <summary>
/// One report for its participants: the report, countdown, timeline and conversation, and the actions the
/// viewer may take. Someone who may not see it gets the same 404 page as for a report that does not exist,
/// with a form for a follow-up token (anonymous reporters).
/// </summary>
public sealed class ShowModel(GetReport get, CommentOnReport comment, TriageReport triage, InviteMaintainer invite, AdvanceReport advance, PublishReport publish) : PageModel
{
    public ReportView? Report { get; private set; }
    public string? Problem { get; private set; }
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

    public Task<IActionResult> OnPostCommentAsync(long id, string? text, bool isInternal, CancellationToken ct) =>
        ActAsync(id, actor => comment.ExecuteAsync(id, actor, text ?? "", isInternal, ct), ct);

    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken ct) => ActAsync(id, actor => triage.AcceptAsync(id, actor, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(long id, string? reason, long? duplicateOf, string? note, CancellationToken ct) =>
        ActAsync(id, actor => ReportStates.TryParseReason(reason, out var r)
            ? triage.RejectAsync(id, actor, r, duplicateOf, note, ct)
            : throw new ValidationFailedException("Choose a reason.", new Dictionary<string, string[]> { ["reason"] = ["choose a reason."] }), ct);

    public Task<IActionResult> OnPostQuestionAsync(long id, string? question, CancellationToken ct) =>
        ActAsync(id, actor => triage.AskForInformationAsync(id, actor, question ?? "", ct), ct);

    public Task<IActionResult> OnPostInviteAsync(long id, string? email, CancellationToken ct) =>
        ActAsync(id, actor => invite.ExecuteAsync(id, actor, null, email, ct), ct);

    public Task<IActionResult> OnPostFixStartedAsync(long id, CancellationToken ct) => ActAsync(id, actor => advance.StartFixAsync(id, actor, ct), ct);

    public Task<IActionResult> OnPostFixedAsync(long id, string? package, string? version, CancellationToken ct) =>
        ActAsync(id, actor => advance.MarkFixedAsync(id, actor, new Dictionary<string, string> { [package ?? ""] = version ?? "" }, ct), ct);

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct) => ActAsync(id, actor => publish.ExecuteAsync(id, actor, ct), ct);

    private Actor Actor(long id) =>
        User.Identity?.IsAuthenticated == true ? ApiActor.From(HttpContext)
        : FollowUpCookie.Read(Request, id) is { } token ? Core.Reports.Actor.FollowUp(token)
        : Core.Reports.Actor.Anonymous;

    private async Task<IActionResult> ActAsync(long id, Func<Actor, Task> action, CancellationToken cancellationToken)
    {
        Id = id;
        try
        {
            await action(Actor(id));
            return Redirect($"/reports/{id}");
        }
        catch (Exception e) when (e is ConflictException or ValidationFailedException)
        {
            Problem = e.Message;
            Response.StatusCode = e is ConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Report = await get.ExecuteAsync(Id, Actor(Id), cancellationToken);
        }
        catch (NotFoundException)
        {
            Report = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
