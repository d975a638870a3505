using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Profiles;
using Vigil.Core.Reputation;
using Vigil.Web.Accounts;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Account;

/// <summary>The account's profile handle and its own reputation (with pending reports).</summary>
[Authorize]
public sealed class ProfileModel(GetReporterProfile profiles, SetProfileHandle setHandle) : UseCasePageModel
{
    public string? Handle { get; private set; }
    public ReputationSummary Reputation { get; private set; } = ReputationSummary.Empty;
    public string? Problem => Failure is not { } f ? null
        : f.Errors.Count > 0 ? $"{f.Message} {string.Join(" ", f.Errors.Values.SelectMany(m => m))}" : f.Message;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(string? handle, CancellationToken cancellationToken) =>
        FormAsync("handle", async () =>
        {
            await setHandle.ExecuteAsync(ApiActor.From(HttpContext), handle, cancellationToken);
            return RedirectToPage();
        }, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        (Handle, Reputation) = await profiles.OwnAsync(AccountsEndpoints.UserId(User), cancellationToken);
    }
}
