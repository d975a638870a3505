using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Accounts;
using Vigil.Web.Accounts;
using System.Security.Claims;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// Sign in with e-mail and password (an account with two-factor continues at <c>/account/login-2fa</c>), or
/// with a passkey: the authenticator verified the user (PIN or biometrics) on a device they hold, so a
/// passkey sign-in is a two-factor one (<c>amr=mfa</c>).
/// </summary>
public sealed class LoginModel(SignInManager<VigilUser> signIn, SignInThrottle throttle) : PageModel
{
    /// <summary>
    /// One answer for every failed sign-in — unknown address, wrong password, locked account — so the form does not
    /// tell whether an address has an account.
    /// </summary>
    internal const string Failed = "The e-mail address or the password is wrong (after five wrong passwords an "
        + "account is locked for 15 minutes).";

    internal const string Throttled = "Too many failed sign-ins from your network: wait a few minutes and try again.";

    [BindProperty, Required, EmailAddress, StringLength(254)] public string Email { get; set; } = "";
    [BindProperty, Required, StringLength(1024)] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }
    public string RequestOptions { get; private set; } = "";

    public async Task OnGetAsync() => RequestOptions = await signIn.MakePasskeyRequestOptionsAsync(null);

    public async Task<IActionResult> OnPostPasskeyAsync(string? credential)
    {
        PasskeyAssertionResult<VigilUser>? result = null;
        if (!string.IsNullOrWhiteSpace(credential))
        {
            try
            {
                result = await signIn.PerformPasskeyAssertionAsync(credential);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException
                or InvalidOperationException
                or FormatException)
            {
                result = null; // malformed, or no ceremony under way in this browser
            }
        }
        if (result is { Succeeded: true, User: { } user, Passkey: { } passkey }
            && !await signIn.UserManager.IsLockedOutAsync(user) && await signIn.CanSignInAsync(user))
        {
            await signIn.UserManager.AddOrUpdatePasskeyAsync(user, passkey); // the new signature counter
            await signIn.SignInWithClaimsAsync(user, isPersistent: false,
                [new Claim(VigilClaims.Amr, VigilClaims.Mfa), new Claim(ClaimTypes.AuthenticationMethod, "passkey")]);
            return LocalRedirect(LocalOrHome(ReturnUrl));
        }
        Problem = "The passkey was not accepted. Try again, or sign in with your password.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        RequestOptions = await signIn.MakePasskeyRequestOptionsAsync(null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Problem = "Enter your e-mail address and password.";
            return Page();
        }
        if (throttle.Refuses(HttpContext))
        {
            Problem = Throttled;
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Email.Trim());
        if (user is null)
        {
            // An unknown address costs the same password hash as a known one, so the time does not tell either.
            DecoyPassword.Verify(signIn.UserManager.PasswordHasher, Password);
        }
        else if (!user.EmailConfirmed)
        {
            return await UnconfirmedAsync(user);
        }
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl = LocalOrHome(ReturnUrl) });
        }
        if (result.Succeeded)
        {
            return LocalRedirect(LocalOrHome(ReturnUrl));
        }
        throttle.Failed(HttpContext);
        Problem = Failed;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// An account whose address is not confirmed does not sign in. Its password is checked all the same (the same cost,
    /// the same lockout): a wrong one gets the answer every failure gets; only the right one learns that the address
    /// waits for confirmation, which tells nothing to someone who does not know the password.
    /// </summary>
    private async Task<IActionResult> UnconfirmedAsync(VigilUser user)
    {
        var users = signIn.UserManager;
        var locked = await users.IsLockedOutAsync(user);
        if (locked)
        {
            DecoyPassword.Verify(users.PasswordHasher, Password);
        }
        var right = !locked && await users.CheckPasswordAsync(user, Password);
        if (!right && !locked)
        {
            await users.AccessFailedAsync(user);
        }
        if (!right)
        {
            throttle.Failed(HttpContext);
        }
        Problem = right ? Unconfirmed : Failed;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    internal const string Unconfirmed = "This account's e-mail address is not confirmed yet: open the link we "
        + "e-mailed when you registered. Lost it? Ask for a new password; that confirms the address too.";

    /// <summary>
    /// The url when it is local by <c>LocalRedirect</c>'s own rule, else the account page: a path that does not start
    /// with <c>//</c> or <c>/\</c> and holds no control character (a browser drops a tab or line break, so
    /// <c>/&lt;tab&gt;/evil.example</c> would leave the site, and <c>LocalRedirect</c> refuses it with an exception).
    /// </summary>
    internal static string LocalOrHome(string? url) =>
        url is not null
        && url.StartsWith('/')
        && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl) ? url : "/account";
}
