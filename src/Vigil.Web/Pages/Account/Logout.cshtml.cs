using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// Sign out (POST only, with the antiforgery token, so a link elsewhere cannot sign you out). It renews the
/// account's security stamp, so every session of the account ends on the server, not only this browser's.
/// </summary>
public sealed class LogoutModel(SignInManager<VigilUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Account/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
