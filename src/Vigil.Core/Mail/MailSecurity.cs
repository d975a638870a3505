using Vigil.Core.Accounts;

namespace Vigil.Core.Mail;

public enum MailSignature
{
    /// <summary>Not signed (or signed in a way Vigil does not read).</summary>
    None = 0,
    /// <summary>Signed by a key the sender's account did not register: who signed is not proven.</summary>
    UnknownKey = 1,
    /// <summary>Signed by the key the sender's account registered, and the signature matches the message.</summary>
    Verified = 2,
    /// <summary>Signed with the id of the sender's registered key, but the signature does not match the message.
    /// </summary>
    Bad = 3,
}

/// <summary>
/// How a message was protected in transit: whether it was encrypted to the instance's key, and what its
/// OpenPGP signature proves. Recorded on the report's timeline; holds no text of the message.
/// </summary>
/// <param name="Fingerprint">The fingerprint of the sender's registered key, when the signature verified.</param>
public sealed record MailSecurity(
    bool Encrypted, MailSignature Signature, string? SignerKeyId, string? Fingerprint = null)
{
    public static readonly MailSecurity Plain = new(false, MailSignature.None, null);

    /// <summary>
    /// Words for the timeline, e.g. "received encrypted with OpenPGP; signed by key 0x…, … (not verified)".
    /// </summary>
    public string? Describe()
    {
        string? signature = Signature switch
        {
            MailSignature.Verified => $"signed with OpenPGP by the key of the sender's account, fingerprint "
                + $"{OpenPgpPublicKey.ForPeople(Fingerprint ?? "")} (verified)",
            MailSignature.Bad => $"signed by key 0x{SignerKeyId} of the sender's account, but the signature does not "
                + "match the message (not verified)",
            MailSignature.UnknownKey => $"signed by key 0x{SignerKeyId}, not a key the sender's account registered "
                + "(not verified)",
            _ => null,
        };
        string?[] parts = [Encrypted ? "received encrypted with OpenPGP" : null, signature];
        var words = string.Join("; ", parts.OfType<string>());
        return words.Length == 0 ? null : words;
    }
}
