using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Accounts;
using Vigil.Web.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// The e-mailed confirmation link (<c>/account/confirm-email#user=…&amp;token=…</c>): the link's secret and the
/// account's password confirm the address and sign in (<see cref="ConfirmAccount"/>). Opening the page changes nothing.
/// </summary>
public sealed class ConfirmEmailModel(ConfirmAccount confirm, SignInManager<VigilUser> signIn, SignInThrottle throttle)
    : PageModel
{
    internal const string Failed = "This link does not work with this password: it was mistyped, has expired or was "
        + "used already, or the password is wrong. Lost the link? Ask for a new password instead; that confirms the "
        + "address too.";

    [BindProperty(Name = "User"), Required, StringLength(36)] public string UserId { get; set; } = "";
    [BindProperty, Required, StringLength(100)] public string Token { get; set; } = "";
    [BindProperty, Required, StringLength(1024)] public string Password { get; set; } = "";

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Problem = "Give the link's two values and your password.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (throttle.Refuses(HttpContext))
        {
            Problem = LoginModel.Throttled;
            return Page();
        }
        if (await confirm.ExecuteAsync(UserId, Token, Password) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return LocalRedirect("/account");
        }
        throttle.Failed(HttpContext);
        Problem = Failed;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
