using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Community;

/// <summary>
/// Configuration section <c>Vigil:Community</c>: what the instance tells reporters (SECURITY.md, security.txt).
/// </summary>
public sealed class CommunityOptions
{
    public const string Section = "Vigil:Community";

    /// <summary>The e-mail fallback for reporters who cannot use the form; none when empty.</summary>
    /// <remarks>A regular expression rather than [EmailAddress], which refuses the empty value; no spaces or
    /// angle brackets, so the address cannot break the Markdown autolink or the security.txt line it is written
    /// into.</remarks>
    [RegularExpression(@"^[^@\s<>]+@[^@\s<>]+$",
        ErrorMessage = "Vigil:Community:ContactEmail must be an e-mail address (name@host) or empty.")]
    public string? ContactEmail { get; set; }
}

/// <summary>
/// Configuration section <c>Vigil:SecurityTxt</c>: the instance's <c>/.well-known/security.txt</c> (RFC 9116).
/// </summary>
public sealed class SecurityTxtOptions
{
    public const string Section = "Vigil:SecurityTxt";

    /// <summary>Expires is this many days after the request (RFC 9116 § 2.5.5 recommends less than a year).</summary>
    [Range(1, 366)]
    public int ExpiresDays { get; set; } = 180;

    /// <summary>Comma-separated language tags (RFC 5646) for Preferred-Languages.</summary>
    [Required, RegularExpression(@"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*(\s*,\s*[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)*$")]
    public string PreferredLanguages { get; set; } = "en";

    /// <summary>
    /// The Policy field's URL; empty = none (the instance has no policy page of its own; programs do).
    /// </summary>
    [Url]
    public string? Policy { get; set; }

    /// <summary>
    /// An ASCII-armored OpenPGP secret key (e.g. <c>gpg --armor --export-secret-keys KEYID</c>): security.txt is then
    /// served with an OpenPGP cleartext signature (RFC 9116 § 2.3). Empty: unsigned.
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>
    /// The signing key's passphrase, if it has one (pass it by environment variable:
    /// <c>Vigil__SecurityTxt__SigningKeyPassphrase</c>).
    /// </summary>
    public string? SigningKeyPassphrase { get; set; }
}
