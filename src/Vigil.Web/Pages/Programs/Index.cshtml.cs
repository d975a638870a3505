using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Programs;

namespace Vigil.Web.Pages.Programs;

/// <summary>
/// The public directory of the instance's disclosure programs: where to report, and each program's rules.
/// </summary>
public sealed class IndexModel(ListPublicPrograms list) : PageModel
{
    public IReadOnlyList<PublicProgram> Programs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Programs = await list.ExecuteAsync(cancellationToken);
}
