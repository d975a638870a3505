using System.Text;
using MimeKit;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Vigil.Core.Accounts;

namespace Vigil.Core.Mail;

/// <summary>
/// Checks the OpenPGP signature of a message against the key its sender's account registered (docs/email.md):
/// PGP/MIME <c>multipart/signed</c> (RFC 3156 § 5: the first part, with CRLF line ends, is what is signed) and
/// the inline cleartext signature (RFC 4880 § 7: dash-escaped lines, trailing white space not signed). The
/// signed text replaces the message's body. A signature that does not verify never refuses the message: it is
/// recorded as not verified, because a mail client's re-wrapping or a relay's footer breaks honest signatures too,
/// and the report matters more than the proof.
/// </summary>
public static class MailSignatures
{
    private const string SignedBegin = "-----BEGIN PGP SIGNED MESSAGE-----";
    private const string SignatureBegin = "-----BEGIN PGP SIGNATURE-----";
    private const string SignatureEnd = "-----END PGP SIGNATURE-----";

    public static (MimeMessage Message, MailSecurity Security) Open(
        MimeMessage message, MailSecurity security, OpenPgpPublicKey? sender)
    {
        if (message.Body is Multipart { ContentType.MediaSubtype: var subtype } signed
            && subtype.Equals("signed", StringComparison.OrdinalIgnoreCase) && signed.Count == 2
            && signed[1] is MimePart { Content: not null } signaturePart
            && signaturePart.ContentType.IsMimeType("application", "pgp-signature"))
        {
            using var signatureData = new MemoryStream();
            signaturePart.Content.DecodeTo(signatureData);
            var outcome = Check(signatureData.ToArray(), Canonical(signed[0]), sender);
            return (OpenPgpMail.WithBody(message, signed[0]), With(security, outcome));
        }
        if (message.Body is TextPart { IsPlain: true } text
            && text.Text.Contains(SignedBegin, StringComparison.Ordinal)
            && ClearSigned(text.Text, sender) is var (clear, found))
        {
            return (OpenPgpMail.WithBody(message, new TextPart("plain") { Text = clear }), With(security, found));
        }
        return (message, security);
    }

    /// <summary>A one-pass signature inside encrypted data, over <paramref name="clear"/>; the signature packet
    /// follows the literal data in <paramref name="factory"/>.</summary>
    public static Outcome OnePass(
        PgpOnePassSignature onePass, byte[] clear, PgpObjectFactory factory, OpenPgpPublicKey? sender)
    {
        var keyId = onePass.KeyId.ToString("X16");
        if (sender?.SigningKey(onePass.KeyId) is not { } key)
        {
            return new Outcome(MailSignature.UnknownKey, keyId, null);
        }
        try
        {
            onePass.InitVerify(key);
            onePass.Update(clear);
            for (var next = factory.NextPgpObject(); next is not null; next = factory.NextPgpObject())
            {
                if (next is PgpSignatureList { Count: > 0 } list)
                {
                    return Verdict(onePass.Verify(list[0]), keyId, sender);
                }
            }
            return new Outcome(MailSignature.Bad, keyId, null);
        }
        catch (Exception e) when (e is PgpException or IOException)
        {
            return new Outcome(MailSignature.Bad, keyId, null);
        }
    }

    public sealed record Outcome(MailSignature Signature, string KeyId, string? Fingerprint);

    private static MailSecurity With(MailSecurity security, Outcome? outcome) => outcome is null
        ? security
        : security with
        {
            Signature = outcome.Signature,
            SignerKeyId = outcome.KeyId,
            Fingerprint = outcome.Fingerprint,
        };

    private static Outcome Verdict(bool verified, string keyId, OpenPgpPublicKey sender) => verified
        ? new Outcome(MailSignature.Verified, keyId, sender.Fingerprint)
        : new Outcome(MailSignature.Bad, keyId, null);

    /// <summary>The entity as signed: as received, with CRLF line ends (RFC 3156 § 5).</summary>
    private static byte[] Canonical(MimeEntity entity)
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        using var bytes = new MemoryStream();
        entity.WriteTo(options, bytes);
        return bytes.ToArray();
    }

    /// <summary>A detached signature (armored or binary) over <paramref name="data"/>; null: none readable.</summary>
    private static Outcome? Check(byte[] signatureData, byte[] data, OpenPgpPublicKey? sender)
    {
        PgpSignature signature;
        try
        {
            var factory = new PgpObjectFactory(PgpUtilities.GetDecoderStream(new MemoryStream(signatureData)));
            if (factory.NextPgpObject() is not PgpSignatureList { Count: > 0 } list)
            {
                return null;
            }
            signature = list[0];
        }
        catch (Exception e) when (e is PgpException or IOException)
        {
            return null;
        }
        var keyId = signature.KeyId.ToString("X16");
        if (sender?.SigningKey(signature.KeyId) is not { } key)
        {
            return new Outcome(MailSignature.UnknownKey, keyId, null);
        }
        try
        {
            signature.InitVerify(key);
            signature.Update(data);
            return Verdict(signature.Verify(), keyId, sender);
        }
        catch (Exception e) when (e is PgpException or IOException)
        {
            return new Outcome(MailSignature.Bad, keyId, null);
        }
    }

    /// <summary>The text with the cleartext-signed block replaced by its clear text, and the signature's outcome;
    /// null when the block is incomplete.</summary>
    private static (string Text, Outcome? Outcome)? ClearSigned(string text, OpenPgpPublicKey? sender)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var begin = Array.FindIndex(lines, l => l.TrimEnd() == SignedBegin);
        var blank = begin < 0 ? -1 : Array.FindIndex(lines, begin + 1, l => l.Trim().Length == 0);
        var signatureBegin = blank < 0 ? -1 : Array.FindIndex(lines, blank + 1, l => l.TrimEnd() == SignatureBegin);
        var signatureEnd = signatureBegin < 0
            ? -1
            : Array.FindIndex(lines, signatureBegin + 1, l => l.TrimEnd() == SignatureEnd);
        if (signatureEnd < 0)
        {
            return null;
        }
        var clear = lines[(blank + 1)..signatureBegin]
            .Select(l => l.StartsWith("- ", StringComparison.Ordinal) ? l[2..] : l).ToList();
        // RFC 4880 § 7.1: the line ending before the signature is not signed; nor is trailing white space.
        var signed = string.Join("\r\n", clear.Select(l => l.TrimEnd(' ', '\t', '\r')));
        var armor = string.Join("\n", lines[signatureBegin..(signatureEnd + 1)]) + "\n";
        var outcome = Check(Encoding.ASCII.GetBytes(armor), Encoding.UTF8.GetBytes(signed), sender);
        var opened = string.Join("\n", lines[..begin].Concat(clear).Concat(lines[(signatureEnd + 1)..]));
        return (opened, outcome);
    }
}
