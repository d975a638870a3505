using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Core.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>Registration for reporters (and future maintainers): team roles are granted by an admin, never here.</summary>
public sealed class RegisterModel(UserManager<VigilUser> users, SignInManager<VigilUser> signIn, TimeProvider time) : PageModel
{
    [BindProperty, Required, EmailAddress, StringLength(254)] public string Email { get; set; } = "";
    [BindProperty, StringLength(200)] public string? DisplayName { get; set; }
    [BindProperty, Required] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Problems = ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => $"{e.Key}: {e.Value!.Errors[0].ErrorMessage}").ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var user = new VigilUser { UserName = Email.Trim(), Email = Email.Trim(), DisplayName = DisplayName?.Trim(), CreatedAt = time.GetUtcNow() };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            Problems = result.Errors.Select(e => e.Description).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(LoginModel.LocalOrHome(ReturnUrl));
    }
}
