namespace Vigil.Core.Mail;

/// <summary>
/// The <c>Vigil:Mail:OpenPgp</c> section (docs/email.md): the instance's OpenPGP key for mail. With a key, mail
/// encrypted to it (PGP/MIME or inline) is opened on receipt, and its public half is published at
/// <c>/pgp-key.txt</c> and in security.txt's <c>Encryption</c> field. Without one, encrypted mail is refused.
/// </summary>
public sealed class MailKeyOptions
{
    public const string Section = "Vigil:Mail:OpenPgp";

    /// <summary>
    /// An ASCII-armored OpenPGP secret key with an encryption subkey (e.g.
    /// <c>gpg --armor --export-secret-keys KEYID</c>). Empty: no key.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// The key's passphrase, if it has one (pass it by environment variable:
    /// <c>Vigil__Mail__OpenPgp__Passphrase</c>).
    /// </summary>
    public string? Passphrase { get; set; }
}
