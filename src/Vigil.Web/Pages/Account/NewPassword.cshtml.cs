using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Accounts;
using Vigil.Web.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// The e-mailed reset link (<c>/account/new-password#user=…&amp;token=…</c>): sets a new password, which ends every
/// session of the account (<see cref="ResetPassword"/>), then sends the person to sign in (with their second factor,
/// if they have one). Opening the page changes nothing.
/// </summary>
public sealed class NewPasswordModel(ResetPassword reset, SignInThrottle throttle) : PageModel
{
    internal const string Failed =
        "This link does not work: it was mistyped, has expired or was used already. Ask for a new one.";

    [BindProperty(Name = "User"), Required, StringLength(36)] public string UserId { get; set; } = "";
    [BindProperty, Required, StringLength(100)] public string Token { get; set; } = "";
    [BindProperty, Required, StringLength(1024)] public string Password { get; set; } = "";

    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Problems = ["Give the link's two values and a new password."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (throttle.Refuses(HttpContext))
        {
            Problems = [LoginModel.Throttled];
            return Page();
        }
        var outcome = await reset.ExecuteAsync(UserId, Token, Password);
        if (!outcome.Succeeded)
        {
            if (outcome.Problems.Count == 0)
            {
                throttle.Failed(HttpContext);
            }
            Problems = outcome.Problems.Count > 0 ? outcome.Problems : [Failed];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Done = true;
        return Page();
    }
}
