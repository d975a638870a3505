using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Accounts;
using Vigil.Web.Operations;

namespace Vigil.Web.Pages.Account;

/// <summary>The account's OpenPGP key: register, replace or remove it (docs/accounts.md).</summary>
[Authorize]
public sealed class OpenPgpKeyModel(GetAccountKey get, RegisterAccountKey register, RemoveAccountKey remove)
    : UseCasePageModel
{
    public AccountKeyInfo? Key { get; private set; }

    /// <summary>What was pasted, shown again when it was refused.</summary>
    public string? Pasted { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(string? publicKey, CancellationToken cancellationToken)
    {
        Pasted = publicKey?.Length > OpenPgpPublicKey.MaxArmoredLength ? null : publicKey;
        return FormAsync("key", async () =>
        {
            await register.ExecuteAsync(ApiActor.From(HttpContext), publicKey, cancellationToken);
            return RedirectToPage();
        }, () => LoadAsync(cancellationToken));
    }

    public Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken) =>
        FormAsync("remove", async () =>
        {
            await remove.ExecuteAsync(ApiActor.From(HttpContext), cancellationToken);
            return RedirectToPage();
        }, () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Key = await get.ExecuteAsync(ApiActor.From(HttpContext), cancellationToken);
}
