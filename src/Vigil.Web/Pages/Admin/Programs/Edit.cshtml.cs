using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Api;

namespace Vigil.Web.Pages.Admin.Programs;

/// <summary>
/// One program for its administrators: the policy form, the team, the package maintainers and the webhook
/// endpoints, each a form posting to its own handler. A failed form is shown again with its problem next to
/// it; a new webhook's secret is shown on the answer to its form, once. Anyone else: 404.
/// </summary>
[Authorize]
public sealed class EditModel(
    GetProgramAdmin get, UpdateProgramPolicy update, AddProgramMember addMember, RemoveProgramMember removeMember,
    AddPackageMaintainer addMaintainer, RemovePackageMaintainer removeMaintainer,
    AddWebhookEndpoint addWebhook, RemoveWebhookEndpoint removeWebhook) : PageModel
{
    public string Slug { get; private set; } = "";
    public ProgramAdminView? Program { get; private set; }
    public FormProblem? Problem { get; private set; }
    public CreatedWebhookEndpoint? NewWebhook { get; private set; }
    public string? Saved { get; private set; }

    [BindProperty] public PolicyInput Policy { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, string? saved, CancellationToken cancellationToken)
    {
        Slug = slug;
        Saved = saved;
        await LoadAsync(keepPolicy: false, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostPolicyAsync(string slug, CancellationToken ct) =>
        ActAsync(slug, "policy", actor => update.ExecuteAsync(slug, actor, Policy.ToSettings(), ct), ct);

    public Task<IActionResult> OnPostAddMemberAsync(string slug, string? email, string? role, CancellationToken ct) =>
        ActAsync(slug, "members", actor => addMember.ExecuteAsync(slug, actor, email, role, ct), ct);

    public Task<IActionResult> OnPostRemoveMemberAsync(string slug, Guid userId, CancellationToken ct) =>
        ActAsync(slug, "members", actor => removeMember.ExecuteAsync(slug, actor, userId, ct), ct);

    public Task<IActionResult> OnPostAddMaintainerAsync(string slug, string? ecosystem, string? name, string? email, string? accountEmail, CancellationToken ct) =>
        ActAsync(slug, "maintainers", actor => addMaintainer.ExecuteAsync(slug, actor, ecosystem, name, email, accountEmail, ct), ct);

    public Task<IActionResult> OnPostRemoveMaintainerAsync(string slug, long id, CancellationToken ct) =>
        ActAsync(slug, "maintainers", actor => removeMaintainer.ExecuteAsync(slug, actor, id, ct), ct);

    public Task<IActionResult> OnPostRemoveWebhookAsync(string slug, long id, CancellationToken ct) =>
        ActAsync(slug, "webhooks", actor => removeWebhook.ExecuteAsync(slug, actor, id, ct), ct);

    /// <summary>Not a redirect: the answer carries the secret, which no later page shows.</summary>
    public async Task<IActionResult> OnPostAddWebhookAsync(string slug, string? url, List<string>? events, CancellationToken cancellationToken)
    {
        Slug = slug;
        try
        {
            NewWebhook = await addWebhook.ExecuteAsync(slug, ApiActor.From(HttpContext), url, events, cancellationToken);
        }
        catch (ValidationFailedException e)
        {
            Problem = FormProblem.From("webhooks", e);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(keepPolicy: false, cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ActAsync(string slug, string form, Func<Actor, Task> action, CancellationToken cancellationToken)
    {
        Slug = slug;
        try
        {
            await action(ApiActor.From(HttpContext));
            return Redirect($"/admin/programs/{slug}?saved={form}#{form}");
        }
        catch (Exception e) when (e is ValidationFailedException or ConflictException)
        {
            Problem = FormProblem.From(form, e);
            Response.StatusCode = FormProblem.StatusOf(e);
        }
        catch (NotFoundException e)
        {
            // Either the program is not the caller's (LoadAsync answers 404 and drops this problem) or the
            // member, maintainer or endpoint is not there any more.
            Problem = FormProblem.From(form, e);
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        await LoadAsync(keepPolicy: form == "policy", cancellationToken);
        return Page();
    }

    private async Task LoadAsync(bool keepPolicy, CancellationToken cancellationToken)
    {
        try
        {
            Program = await get.ExecuteAsync(Slug, ApiActor.From(HttpContext), cancellationToken);
            if (!keepPolicy)
            {
                Policy = PolicyInput.From(Program);
            }
        }
        catch (NotFoundException)
        {
            Program = null;
            Problem = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
