using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Hacktivity;

namespace Vigil.Web.Pages.Hacktivity;

/// <summary>A program's published reports, newest first, 20 a page.</summary>
public sealed class IndexModel(ListHacktivity list) : PageModel
{
    public HacktivityPage Activity { get; private set; } = null!;

    public async Task OnGetAsync(string slug, int? page, CancellationToken cancellationToken) =>
        Activity = await list.ExecuteAsync(slug, page ?? 1, cancellationToken);
}
