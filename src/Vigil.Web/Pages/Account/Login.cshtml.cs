using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>Sign in with e-mail and password; an account with two-factor continues at <c>/account/login-2fa</c>.</summary>
public sealed class LoginModel(SignInManager<VigilUser> signIn) : PageModel
{
    [BindProperty, Required, EmailAddress] public string Email { get; set; } = "";
    [BindProperty, Required] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Problem = "Enter your e-mail address and password.";
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl = LocalOrHome(ReturnUrl) });
        }
        if (result.Succeeded)
        {
            return LocalRedirect(LocalOrHome(ReturnUrl));
        }
        Problem = result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : "The e-mail address or the password is wrong.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    internal static string LocalOrHome(string? url) => url is not null && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/account";
}
