using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Vigil.Core.Accounts;
using Vigil.Web.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// TOTP two-factor (RFC 6238). Setting it up needs a recent proof (<see cref="RecentProof"/>): then the page shows
/// a new shared key and its otpauth URI; a correct code turns two-factor on, shows ten recovery codes once and
/// renews the session as a two-factor one. Once it is on, the key is never shown again: turning it off (with a
/// current code) and setting it up anew is the way to move it to another device.
/// </summary>
[Authorize]
public sealed class TwoFactorModel(UserManager<VigilUser> users, SignInManager<VigilUser> signIn, RecentProof proof)
    : PageModel
{
    /// <summary>
    /// Image pixels per QR module: about 200 px square for an otpauth URI, sharp for any phone camera.
    /// </summary>
    private const int QrPixelsPerModule = 4;

    [BindProperty] public string? Code { get; set; }

    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public bool AlreadyOn { get; private set; }
    public bool TurnedOff { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>Set when the page asks for a proof before it shows anything secret.</summary>
    public ConfirmIdentityForm? Confirm { get; private set; }

    /// <summary>
    /// <c>?handler=QrCode</c>: <see cref="AuthenticatorUri"/> as a PNG QR code for the app's camera, drawn
    /// on the server (no script) and served from this origin, so the page's CSP needs no <c>data:</c>
    /// images. It shows the secret, so it is never cached, and only during a set-up with a recent proof.
    /// </summary>
    public async Task<IActionResult> OnGetQrCodeAsync()
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled || !await proof.HoldsAsync(HttpContext, user))
        {
            return NotFound();
        }
        await LoadKeyAsync(user);
        Response.Headers.CacheControl = "no-store";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        return File(new PngByteQRCode(data).GetGraphic(QrPixelsPerModule), "image/png");
    }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(await CurrentUserAsync());

    public async Task<IActionResult> OnPostConfirmAsync(string? password, string? code)
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled || !await proof.VerifyAsync(user, password, code))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(user, "That is not your password or a current code.");
        }
        // Each set-up gets a new key. That renews the security stamp: keep this session, then grant the proof on
        // the new stamp.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await proof.GrantAsync(HttpContext, user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled || !await proof.HoldsAsync(HttpContext, user))
        {
            return await ShowAsync(user);
        }
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Problem = "That code is not valid. Check the time on your device and try the next code.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadKeyAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true); // renews the security stamp: the account's other sessions end
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(VigilClaims.Amr, VigilClaims.Mfa)]);
        RecentProof.Forget(HttpContext);
        AlreadyOn = true;
        return Page();
    }

    /// <summary>
    /// Turns two-factor off with a current code (a proof of the factor itself); the key is discarded.
    /// </summary>
    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await CurrentUserAsync();
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!user.TwoFactorEnabled
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Problem = "That code is not valid: two-factor authentication stays on.";
            AlreadyOn = user.TwoFactorEnabled;
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user); // renews the security stamp: the account's other sessions end
        await signIn.SignInAsync(user, isPersistent: false); // this one goes on, no longer a two-factor session
        TurnedOff = true;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(VigilUser user, string? problem = null)
    {
        AlreadyOn = user.TwoFactorEnabled;
        if (!AlreadyOn)
        {
            if (!await proof.HoldsAsync(HttpContext, user))
            {
                Confirm = new ConfirmIdentityForm(
                    "Setting up two-factor authentication shows a secret key.", OffersCode: false, problem);
                return Page();
            }
            await LoadKeyAsync(user);
        }
        return Page();
    }

    private async Task<VigilUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("signed-in user not found");

    private async Task LoadKeyAsync(VigilUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user) ?? ""; // made when the proof was given
        SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("Vigil:" + user.Email)}"
            + $"?secret={key}&issuer=Vigil&digits=6";
    }
}
