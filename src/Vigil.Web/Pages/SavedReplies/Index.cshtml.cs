using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Reports;
using Vigil.Core.SavedReplies;
using Vigil.Web.Operations;
using Vigil.Web.Pages.Shared;

namespace Vigil.Web.Pages.SavedReplies;

/// <summary>
/// A program's saved replies for its team: the list, a form to add one, one reply's edit form (<c>?edit=ID</c>, so it
/// works without JavaScript) and a delete button per reply. A failed form is shown again with what was typed and its
/// problem beside it. Anyone else: 404.
/// </summary>
public sealed class IndexModel(ListSavedReplies list) : UseCasePageModel
{
    public string Slug { get; private set; } = "";
    public IReadOnlyList<SavedReplyView>? Replies { get; private set; }

    /// <summary>The reply whose edit form is open, or null.</summary>
    public long? Editing { get; private set; }

    /// <summary>What the failed form held, to show it again.</summary>
    public string? FormTitle { get; private set; }
    public string? FormBody { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, long? edit, CancellationToken cancellationToken)
    {
        Slug = slug;
        await LoadAsync(cancellationToken);
        if (edit is { } id && Replies?.SingleOrDefault(r => r.Id == id) is { } reply)
        {
            (Editing, FormTitle, FormBody) = (reply.Id, reply.Title, reply.Body);
        }
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(string slug, string? title, string? body,
        [FromServices] CreateSavedReply create, CancellationToken ct) =>
        ActAsync(slug, "add", null, title, body,
            actor => create.ExecuteAsync(slug, actor, title, body, ct), "Saved reply added.", ct);

    public Task<IActionResult> OnPostEditAsync(string slug, long replyId, string? title, string? body,
        [FromServices] UpdateSavedReply update, CancellationToken ct) =>
        ActAsync(slug, "edit", replyId, title, body,
            actor => update.ExecuteAsync(slug, actor, replyId, title, body, ct), "Saved reply changed.", ct);

    public Task<IActionResult> OnPostDeleteAsync(string slug, long replyId, [FromServices] DeleteSavedReply delete,
        CancellationToken ct) =>
        ActAsync(slug, "list", null, null, null,
            actor => delete.ExecuteAsync(slug, actor, replyId, ct), "Saved reply deleted.", ct);

    private Task<IActionResult> ActAsync(string slug, string form, long? editing, string? title, string? body,
        Func<Actor, Task> action, string done, CancellationToken cancellationToken)
    {
        Slug = slug;
        (Editing, FormTitle, FormBody) = (editing, title, body);
        return FormAsync(form, async () =>
        {
            await action(ApiActor.From(HttpContext));
            Flash.Set(TempData, done);
            return Redirect($"/programs/{slug}/saved-replies");
        }, () => LoadAsync(cancellationToken));
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Replies = await FindAsync(() => list.ExecuteAsync(Slug, ApiActor.From(HttpContext), cancellationToken));
}
