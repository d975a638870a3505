using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Errors;
using Vigil.Core.Profiles;
using Vigil.Core.Reputation;

namespace Vigil.Web.Pages.Account;

/// <summary>The account's profile handle and its own reputation (with pending reports).</summary>
[Authorize]
public sealed class ProfileModel(GetReporterProfile profiles, SetProfileHandle setHandle) : PageModel
{
    public string? Handle { get; private set; }
    public ReputationSummary Reputation { get; private set; } = ReputationSummary.Empty;
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? handle, CancellationToken cancellationToken)
    {
        try
        {
            await setHandle.ExecuteAsync(Api.ApiActor.From(HttpContext), handle, cancellationToken);
            return RedirectToPage();
        }
        catch (Exception e) when (e is ValidationFailedException or ConflictException)
        {
            Problem = e is ValidationFailedException v ? $"{v.Message} {string.Join(" ", v.Errors.Values.SelectMany(m => m))}" : e.Message;
            Response.StatusCode = e is ConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        (Handle, Reputation) = await profiles.OwnAsync(Api.AccountsEndpoints.UserId(User), cancellationToken);
    }
}
