using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Programs;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Admin.Programs;

/// <summary>
/// The programs the caller administers, and (for instance administrators) the form that creates one. Anyone
/// else: 404.
/// </summary>
[Authorize]
public sealed class IndexModel(ListPrograms list, CreateProgram create) : UseCasePageModel
{
    public IReadOnlyList<ProgramSummary>? Programs { get; private set; }
    public bool CanCreate { get; private set; }
    public FormProblem? Problem => Failure;

    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? AdvisoryIdPrefix { get; set; }
    [BindProperty] public List<string> ScopeEcosystems { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => FormAsync("create", async () =>
    {
        var program = await create.ExecuteAsync(ApiActor.From(HttpContext), Slug, Name, AdvisoryIdPrefix,
            new ProgramSettings(ScopeEcosystems: ScopeEcosystems), cancellationToken);
        return Redirect($"/admin/programs/{program.Slug}");
    }, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = ApiActor.From(HttpContext);
        CanCreate = ProgramAdminAccess.IsInstanceAdmin(actor);
        Programs = await FindAsync(() => list.ExecuteAsync(actor, cancellationToken));
    }
}
