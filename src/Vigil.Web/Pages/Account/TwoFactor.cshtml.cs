using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Vigil.Core.Accounts;

namespace Vigil.Web.Pages.Account;

/// <summary>
/// Turns on TOTP two-factor (RFC 6238, Identity's authenticator provider): the page shows the shared key and
/// its otpauth URI for an authenticator app; a correct code turns it on, shows ten recovery codes once and
/// renews the session as a two-factor one.
/// </summary>
[Authorize]
public sealed class TwoFactorModel(UserManager<VigilUser> users, SignInManager<VigilUser> signIn) : PageModel
{
    /// <summary>Image pixels per QR module: about 200 px square for an otpauth URI, sharp for any phone camera.</summary>
    private const int QrPixelsPerModule = 4;

    [BindProperty] public string? Code { get; set; }

    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public bool AlreadyOn { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>
    /// <c>?handler=QrCode</c>: <see cref="AuthenticatorUri"/> as a PNG QR code for the app's camera, drawn
    /// on the server (no script) and served from this origin, so the page's CSP needs no <c>data:</c>
    /// images. It shows the secret, so it is never cached.
    /// </summary>
    public async Task<IActionResult> OnGetQrCodeAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("signed-in user not found");
        await LoadKeyAsync(user);
        Response.Headers.CacheControl = "no-store";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        return File(new PngByteQRCode(data).GetGraphic(QrPixelsPerModule), "image/png");
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("signed-in user not found");
        AlreadyOn = user.TwoFactorEnabled;
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("signed-in user not found");
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Problem = "That code is not valid. Check the time on your device and try the next code.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadKeyAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        AlreadyOn = true;
        return Page();
    }

    private async Task LoadKeyAsync(VigilUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("Vigil:" + user.Email)}?secret={key}&issuer=Vigil&digits=6";
    }
}
