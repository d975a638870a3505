using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Bounties;
using Vigil.Core.Programs;
using Vigil.Web.Operations;
using Vigil.Web.Pages.Admin;

namespace Vigil.Web.Pages.Bounties;

/// <summary>
/// The program admins' bounty table form (one row per severity; an empty row is left out) and the payout CSV
/// link. Anyone else: 404.
/// </summary>
[Authorize]
public sealed class TableModel(GetProgramAdmin admin, GetBountyTable get, SetBountyTable set) : UseCasePageModel
{
    public string Slug { get; private set; } = "";
    public bool Allowed { get; private set; }
    public FormProblem? Problem => Failure;
    public bool Saved { get; private set; }

    [BindProperty] public string? Currency { get; set; }
    [BindProperty] public bool PaysFixer { get; set; }
    [BindProperty] public string? InScope { get; set; }
    [BindProperty] public string? OutOfScope { get; set; }
    [BindProperty] public Dictionary<string, string?> Min { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Max { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, bool saved, CancellationToken cancellationToken)
    {
        Slug = slug;
        Saved = saved;
        if (await AllowAsync(cancellationToken) && await get.ExecuteAsync(slug, cancellationToken) is { } table)
        {
            (Currency, PaysFixer, InScope, OutOfScope) =
                (table.Currency, table.PaysFixer, table.InScope, table.OutOfScope);
            foreach (var range in table.Ranges)
            {
                Min[range.Severity] = range.Min.ToString("0.####", CultureInfo.InvariantCulture);
                Max[range.Severity] = range.Max.ToString("0.####", CultureInfo.InvariantCulture);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        Slug = slug;
        if (!await AllowAsync(cancellationToken))
        {
            return Page();
        }
        var ranges = BountyTableInput.Severities
            .Where(s => !string.IsNullOrWhiteSpace(Min.GetValueOrDefault(s))
                || !string.IsNullOrWhiteSpace(Max.GetValueOrDefault(s)))
            .Select(s => new BountyRangeInput(s, Amount(Min.GetValueOrDefault(s)), Amount(Max.GetValueOrDefault(s))))
            .ToList();
        return await FormAsync("bounty", async () =>
        {
            await set.ExecuteAsync(slug, ApiActor.From(HttpContext),
                new BountyTableInput(Currency?.Trim(), ranges, InScope, OutOfScope, PaysFixer), cancellationToken);
            return Redirect($"/admin/programs/{Uri.EscapeDataString(slug)}/bounty?saved=true");
        });
    }

    /// <summary>A wrong number becomes a negative one, which validation names with its field.</summary>
    private static decimal? Amount(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : -1m;

    private async Task<bool> AllowAsync(CancellationToken cancellationToken) => Allowed = await FindAsync(async () =>
    {
        await admin.ExecuteAsync(Slug, ApiActor.From(HttpContext), cancellationToken);
        return true;
    });
}
