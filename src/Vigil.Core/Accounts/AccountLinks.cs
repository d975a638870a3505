namespace Vigil.Core.Accounts;

/// <summary>
/// The links account e-mails carry, on the configured public address, never the request's <c>Host</c> (a forged
/// host would send a victim's reset link to the forger's site). A link's secret is in the fragment, which browsers
/// never send, so no request line, log or proxy holds it; the page's script moves it into its form.
/// </summary>
public sealed class AccountLinks(string publicBaseUrl)
{
    private readonly Uri _root = new(publicBaseUrl.TrimEnd('/') + "/");

    public Uri ConfirmEmail(Guid userId, string token) => Secret("account/confirm-email", userId, token);

    public Uri NewPassword(Guid userId, string token) => Secret("account/new-password", userId, token);

    public Uri ResetPassword => new(_root, "account/reset-password");

    public Uri Register => new(_root, "account/register");

    private Uri Secret(string path, Guid userId, string token) =>
        new(_root, $"{path}#user={userId:D}&token={Uri.EscapeDataString(token)}");
}
