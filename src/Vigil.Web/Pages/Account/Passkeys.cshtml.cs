using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Vigil.Core.Accounts;
using Vigil.Web.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// The account's passkeys (WebAuthn credentials, ASP.NET Core Identity's passkey support): list, add, remove.
/// Each page view starts an attestation ceremony (its state in Identity's short-lived cookie); the browser
/// answers through <c>/static/passkeys.js</c>. A malformed or forged credential is refused and nothing is stored.
/// </summary>
[Authorize]
public sealed class PasskeysModel(UserManager<VigilUser> users, SignInManager<VigilUser> signIn) : PageModel
{
    public sealed record PasskeyRow(string Id, string Name, DateTimeOffset CreatedAt);

    public IReadOnlyList<PasskeyRow> Passkeys { get; private set; } = [];
    public string CreationOptions { get; private set; } = "";
    public string? Problem { get; private set; }
    public string? Added { get; private set; }

    public async Task OnGetAsync() => await LoadAsync(await CurrentUserAsync());

    public async Task<IActionResult> OnPostAddAsync(string? name, string? credential)
    {
        var user = await CurrentUserAsync();
        name = string.IsNullOrWhiteSpace(name) ? "passkey" : name.Trim()[..Math.Min(100, name.Trim().Length)];
        var result = await AttestAsync(credential);
        if (result is { Succeeded: true, Passkey: { } passkey })
        {
            passkey.Name = name;
            var stored = await users.AddOrUpdatePasskeyAsync(user, passkey);
            if (stored.Succeeded)
            {
                // The session now rests on a passkey the account holds: renew it as a two-factor one.
                await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(VigilClaims.Amr, VigilClaims.Mfa)]);
                Added = name;
                await LoadAsync(user);
                return Page();
            }
            Problem = string.Join(" ", stored.Errors.Select(e => e.Description));
        }
        else
        {
            Problem = $"The passkey was not added: {result?.Failure?.Message ?? "the browser sent no valid credential."}";
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id)
    {
        var user = await CurrentUserAsync();
        byte[] credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id ?? "");
        }
        catch (FormatException)
        {
            return BadRequest();
        }
        await users.RemovePasskeyAsync(user, credentialId);
        return RedirectToPage();
    }

    private async Task<PasskeyAttestationResult?> AttestAsync(string? credential)
    {
        if (string.IsNullOrWhiteSpace(credential))
        {
            return null;
        }
        try
        {
            return await signIn.PerformPasskeyAttestationAsync(credential);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Malformed JSON, or no ceremony under way (the page was not loaded in this browser).
            return null;
        }
    }

    private async Task<VigilUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("signed-in user not found");

    private async Task LoadAsync(VigilUser user)
    {
        Passkeys = (await users.GetPasskeysAsync(user))
            .Select(p => new PasskeyRow(WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "passkey", p.CreatedAt))
            .OrderBy(p => p.CreatedAt).ToList();
        CreationOptions = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = await users.GetUserIdAsync(user),
            Name = user.Email ?? user.UserName ?? "account",
            DisplayName = user.DisplayName ?? user.Email ?? "Vigil account",
        });
    }
}
