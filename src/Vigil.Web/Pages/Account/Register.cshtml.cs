using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Accounts;
using Vigil.Core.Notifications;
using Vigil.Web.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// Registration for reporters (and future maintainers): team roles are granted by an admin, never here. Every
/// acceptable request gets the same page, "check your e-mail", whether or not the address has an account
/// (<see cref="RegisterAccount"/>); the account signs in once the e-mailed link is opened.
/// </summary>
public sealed class RegisterModel(RegisterAccount register, AccountMailThrottle throttle, EmailSender email) : PageModel
{
    [BindProperty, Required, EmailAddress, StringLength(254)] public string Email { get; set; } = "";
    [BindProperty, StringLength(200)] public string? DisplayName { get; set; }
    [BindProperty, Required, StringLength(1024)] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool Sent { get; private set; }

    /// <summary>False when this instance has no SMTP server: the page says so instead of promising an e-mail.</summary>
    public bool MailConfigured => email.Configured;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Problems = ModelState.Where(e => e.Value!.Errors.Count > 0)
                .Select(e => $"{e.Key}: {e.Value!.Errors[0].ErrorMessage}")
                .ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (throttle.Refuses(HttpContext))
        {
            Problems = [AccountPages.TooManyRequests];
            return Page();
        }
        throttle.Count(HttpContext);
        Problems = await register.ExecuteAsync(Email, DisplayName, Password, cancellationToken);
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Sent = true;
        ModelState.Clear();
        return Page();
    }
}
