using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Accounts;
using Vigil.Core.Notifications;
using Vigil.Web.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>"Forgot your password": the same answer for every address (<see cref="RequestPasswordReset"/>).</summary>
public sealed class ResetPasswordModel(RequestPasswordReset reset, AccountMailThrottle throttle, EmailSender email)
    : PageModel
{
    [BindProperty, Required, EmailAddress, StringLength(254)] public string Email { get; set; } = "";

    public string? Problem { get; private set; }
    public bool Sent { get; private set; }
    public bool MailConfigured => email.Configured;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Problem = "Enter an e-mail address (at most 254 characters).";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (throttle.Refuses(HttpContext))
        {
            Problem = AccountPages.TooManyRequests;
            return Page();
        }
        throttle.Count(HttpContext);
        await reset.ExecuteAsync(Email, cancellationToken);
        Sent = true;
        ModelState.Clear();
        return Page();
    }
}
