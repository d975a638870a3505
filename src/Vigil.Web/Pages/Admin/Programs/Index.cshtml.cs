using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Web.Api;

namespace Vigil.Web.Pages.Admin.Programs;

/// <summary>The programs the caller administers, and (for instance administrators) the form that creates one. Anyone else: 404.</summary>
[Authorize]
public sealed class IndexModel(ListPrograms list, CreateProgram create) : PageModel
{
    public IReadOnlyList<ProgramSummary>? Programs { get; private set; }
    public bool CanCreate { get; private set; }
    public FormProblem? Problem { get; private set; }

    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? AdvisoryIdPrefix { get; set; }
    [BindProperty] public List<string> ScopeEcosystems { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var program = await create.ExecuteAsync(ApiActor.From(HttpContext), Slug, Name, AdvisoryIdPrefix,
                new ProgramSettings(ScopeEcosystems: ScopeEcosystems), cancellationToken);
            return Redirect($"/admin/programs/{program.Slug}");
        }
        catch (Exception e) when (e is ValidationFailedException or ConflictException)
        {
            Problem = FormProblem.From("create", e);
            Response.StatusCode = FormProblem.StatusOf(e);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = ApiActor.From(HttpContext);
        CanCreate = ProgramAdminAccess.IsInstanceAdmin(actor);
        try
        {
            Programs = await list.ExecuteAsync(actor, cancellationToken);
        }
        catch (NotFoundException)
        {
            Programs = null;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
