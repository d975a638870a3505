using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Operations;

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
    AddWebhookEndpoint addWebhook, RemoveWebhookEndpoint removeWebhook) : UseCasePageModel
{
    public string Slug { get; private set; } = "";
    public ProgramAdminView? Program { get; private set; }
    public FormProblem? Problem => Failure;
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

    public Task<IActionResult> OnPostAddMaintainerAsync(string slug, string? ecosystem, string? name, string? email,
        string? accountEmail, CancellationToken ct) =>
        ActAsync(slug, "maintainers",
            actor => addMaintainer.ExecuteAsync(slug, actor, ecosystem, name, email, accountEmail, ct), ct);

    public Task<IActionResult> OnPostRemoveMaintainerAsync(string slug, long id, CancellationToken ct) =>
        ActAsync(slug, "maintainers", actor => removeMaintainer.ExecuteAsync(slug, actor, id, ct), ct);

    public Task<IActionResult> OnPostRemoveWebhookAsync(string slug, long id, CancellationToken ct) =>
        ActAsync(slug, "webhooks", actor => removeWebhook.ExecuteAsync(slug, actor, id, ct), ct);

    /// <summary>Not a redirect: the answer carries the secret, which no later page shows.</summary>
    public Task<IActionResult> OnPostAddWebhookAsync(
        string slug, string? url, List<string>? events, CancellationToken cancellationToken)
    {
        Slug = slug;
        return FormAsync("webhooks", async () =>
        {
            NewWebhook = await addWebhook.ExecuteAsync(
                slug, ApiActor.From(HttpContext), url, events, cancellationToken);
            await LoadAsync(keepPolicy: false, cancellationToken);
            return Page();
        }, () => LoadAsync(keepPolicy: false, cancellationToken));
    }

    // A "not found" is either the program not being the caller's (LoadAsync answers 404 and drops the problem) or
    // the member, maintainer or endpoint not being there any more.
    private Task<IActionResult> ActAsync(
        string slug, string form, Func<Actor, Task> action, CancellationToken cancellationToken)
    {
        Slug = slug;
        return FormAsync(form, async () =>
        {
            await action(ApiActor.From(HttpContext));
            return Redirect($"/admin/programs/{slug}?saved={form}#{form}");
        }, () => LoadAsync(keepPolicy: form == "policy", cancellationToken));
    }

    private async Task LoadAsync(bool keepPolicy, CancellationToken cancellationToken)
    {
        Program = await FindAsync(() => get.ExecuteAsync(Slug, ApiActor.From(HttpContext), cancellationToken));
        if (Program is not null && !keepPolicy)
        {
            Policy = PolicyInput.From(Program);
        }
    }
}
