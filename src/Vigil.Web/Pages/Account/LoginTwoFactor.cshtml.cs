using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Accounts;
using Vigil.Web.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>The second step: a code from the authenticator app, or one of the recovery codes.</summary>
public sealed class LoginTwoFactorModel(SignInManager<VigilUser> signIn, SignInThrottle throttle) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? RecoveryCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/Login");
        }
        if (throttle.Refuses(HttpContext))
        {
            Problem = LoginModel.Throttled;
            return Page();
        }
        var result = !string.IsNullOrWhiteSpace(RecoveryCode)
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", "", StringComparison.Ordinal))
            : await signIn.TwoFactorAuthenticatorSignInAsync(
                (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal),
                isPersistent: false,
                rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(LoginModel.LocalOrHome(ReturnUrl));
        }
        throttle.Failed(HttpContext);
        Problem = result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : "That code is not valid.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
