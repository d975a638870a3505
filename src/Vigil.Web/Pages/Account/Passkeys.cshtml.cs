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
/// Adding or removing one needs a recent proof (<see cref="RecentProof"/>), and renews the account's security
/// stamp, which ends its other sessions.
/// </summary>
[Authorize]
public sealed class PasskeysModel(UserManager<VigilUser> users, SignInManager<VigilUser> signIn, RecentProof proof)
    : PageModel
{
    public sealed record PasskeyRow(string Id, string Name, DateTimeOffset CreatedAt);

    public IReadOnlyList<PasskeyRow> Passkeys { get; private set; } = [];
    public string CreationOptions { get; private set; } = "";
    public string? Problem { get; private set; }
    public string? Added { get; private set; }

    /// <summary>Set when the page asks for a proof before passkeys can be changed.</summary>
    public ConfirmIdentityForm? Confirm { get; private set; }

    public async Task OnGetAsync() => await LoadAsync(await CurrentUserAsync());

    public async Task<IActionResult> OnPostConfirmAsync(string? password, string? code)
    {
        var user = await CurrentUserAsync();
        if (!await proof.ConfirmAsync(HttpContext, user, password, code))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(user, "That is not your password or a current code.");
            return Page();
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddAsync(string? name, string? credential)
    {
        var user = await CurrentUserAsync();
        if (!await proof.HoldsAsync(HttpContext, user))
        {
            await LoadAsync(user);
            return Page();
        }
        name = string.IsNullOrWhiteSpace(name) ? "passkey" : name.Trim()[..Math.Min(100, name.Trim().Length)];
        var result = await AttestAsync(credential);
        if (result is { Succeeded: true, Passkey: { } passkey })
        {
            passkey.Name = name;
            var stored = await users.AddOrUpdatePasskeyAsync(user, passkey);
            if (stored.Succeeded)
            {
                await users.UpdateSecurityStampAsync(user);
                // The session now rests on a passkey the account holds: renew it as a two-factor one.
                await signIn.SignInWithClaimsAsync(
                    user, isPersistent: false, [new Claim(VigilClaims.Amr, VigilClaims.Mfa)]);
                await proof.GrantAsync(HttpContext, user); // the proof was voided with the old stamp; it still holds
                Added = name;
                await LoadAsync(user, proved: true);
                return Page();
            }
            Problem = string.Join(" ", stored.Errors.Select(e => e.Description));
        }
        else
        {
            Problem = "The passkey was not added: "
                + $"{result?.Failure?.Message ?? "the browser sent no valid credential."}";
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
        if (!await proof.HoldsAsync(HttpContext, user))
        {
            await LoadAsync(user);
            return Page();
        }
        await users.RemovePasskeyAsync(user, credentialId);
        await users.UpdateSecurityStampAsync(user);
        await signIn.RefreshSignInAsync(user); // keeps this session (and its amr) on the new stamp
        await proof.GrantAsync(HttpContext, user);
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

    private async Task LoadAsync(VigilUser user, string? problem = null, bool proved = false)
    {
        if (!proved && !await proof.HoldsAsync(HttpContext, user))
        {
            Confirm = new ConfirmIdentityForm(
                "Adding or removing a passkey changes how you sign in.", user.TwoFactorEnabled, problem);
        }
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
