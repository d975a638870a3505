namespace Vigil.Core.Mail;

public enum MailSignature
{
    /// <summary>Not signed (or signed outside the encryption, which is not checked).</summary>
    None = 0,
    /// <summary>Signed by a key Vigil does not know: who signed is not proven.</summary>
    UnknownKey = 1,
}

/// <summary>
/// How a message was protected in transit: whether it was encrypted to the instance's key, and what its
/// OpenPGP signature proves. Recorded on the report's timeline; holds no text of the message.
/// </summary>
public sealed record MailSecurity(bool Encrypted, MailSignature Signature, string? SignerKeyId)
{
    public static readonly MailSecurity Plain = new(false, MailSignature.None, null);

    /// <summary>
    /// Words for the timeline, e.g. "received encrypted with OpenPGP; signed by key 0x…, … (not verified)".
    /// </summary>
    public string? Describe()
    {
        if (!Encrypted)
        {
            return null;
        }
        return Signature == MailSignature.UnknownKey
            ? "received encrypted with OpenPGP; "
                + $"signed by key 0x{SignerKeyId}, a key Vigil does not know (not verified)"
            : "received encrypted with OpenPGP";
    }
}
