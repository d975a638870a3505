using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Vigil.Core.Mail;
using Vigil.Web.Compat;

namespace Vigil.Web.Community;

/// <summary>
/// The instance's <c>/.well-known/security.txt</c> (RFC 9116). Web URIs are written with https, as § 2.5.3
/// (Contact) and § 2.5.2 (Canonical) require, whatever scheme the request came in on. Expires is counted from
/// the start of today (UTC), so the file, and its ETag, stay the same all day.
/// Signed with OpenPGP when a key is configured (<see cref="SecurityTxtSigner"/>).
/// </summary>
public static class SecurityTxt
{
    public static IResult Get(HttpContext context, IOptions<ServerOptions> server, IOptions<CommunityOptions> community,
        IOptions<SecurityTxtOptions> options, SecurityTxtSigner signer, MailKey key, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var text = Write(PublicUrl.Of(context.Request, server.Value), community.Value, options.Value, now, key.Enabled);
        var body = Encoding.UTF8.GetBytes(signer.Sign(text, now));
        return CommunityEndpoints.NotModified(context, body)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.File(body, "text/plain; charset=utf-8");
    }

    public static string Write(
        string publicUrl, CommunityOptions community, SecurityTxtOptions options, DateTimeOffset now,
        bool encryption = false)
    {
        var root = Https(publicUrl.TrimEnd('/'));
        var expires = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(options.ExpiresDays);
        var text = new StringBuilder();
        text.Append("# Vigil: how to report a security vulnerability (RFC 9116)\n");
        if (!string.IsNullOrWhiteSpace(community.ContactEmail))
        {
            text.Append($"Contact: mailto:{community.ContactEmail.Trim()}\n");
        }
        text.Append($"Contact: {root}/reports/new\n");
        text.Append($"Expires: {expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\n");
        var languages = options.PreferredLanguages.Split(
            ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        text.Append($"Preferred-Languages: {string.Join(", ", languages)}\n");
        text.Append($"Canonical: {root}/.well-known/security.txt\n");
        if (encryption)
        {
            text.Append($"Encryption: {root}/pgp-key.txt\n");
        }
        if (!string.IsNullOrWhiteSpace(options.Policy))
        {
            text.Append($"Policy: {Https(options.Policy.Trim())}\n");
        }
        return text.ToString();
    }

    private static string Https(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "https://" + url["http://".Length..] : url;
}
