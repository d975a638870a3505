using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Vigil.Core.Mail;

/// <summary>
/// A message that cannot be opened; <see cref="Exception.Message"/> is fixed wording, never its text.
/// </summary>
public sealed class MailNotOpenedException(string reason) : Exception(reason);

/// <summary>
/// Opens mail encrypted to a program's key or the instance's key (docs/email.md): PGP/MIME (RFC 3156,
/// <c>multipart/encrypted</c>), whose decrypted content is a MIME entity with its own parts and attachments, and
/// inline PGP, an armored message in the text part. Decryption is BouncyCastle's; the keys are held in memory
/// (the instance's) or sealed in the database (programs'), which MimeKit's key-store contexts are not made for.
/// A message that is not encrypted passes unchanged. Encrypted mail that this instance cannot open (no key,
/// another key, damaged or without integrity protection) is refused, so nothing unreadable becomes a report and
/// the sender learns it did not arrive.
/// </summary>
public static class OpenPgpMail
{
    private const string ArmorBegin = "-----BEGIN PGP MESSAGE-----";
    private const string ArmorEnd = "-----END PGP MESSAGE-----";

    /// <summary>Bounds what an encrypted message may unpack to, against compression bombs.</summary>
    public const int MaxDecryptedBytes = 64 * 1024 * 1024;

    /// <param name="sender">The key the sender's account registered, to verify a signature with
    /// (<see cref="MailSignatures"/>); null: a signature is recorded as by an unknown key.</param>
    public static (MimeMessage Message, MailSecurity Security) Open(
        MimeMessage message, MailKey key, Accounts.OpenPgpPublicKey? sender = null) =>
        Open(message, key.Enabled ? [key.Find] : [], sender);

    /// <param name="keys">Where to look for the private key a message is encrypted to, in order (a program's own
    /// key, then the instance's); empty: this instance holds no key for it.</param>
    public static (MimeMessage Message, MailSecurity Security) Open(
        MimeMessage message, IReadOnlyList<Func<long, PgpPrivateKey?>> keys, Accounts.OpenPgpPublicKey? sender)
    {
        var (opened, security) = message.Body switch
        {
            MultipartEncrypted encrypted => OpenPgpMime(message, encrypted, keys, sender),
            TextPart { IsPlain: true } text when text.Text.Contains(ArmorBegin, StringComparison.Ordinal) =>
                OpenInline(message, text, keys, sender),
            _ => (message, MailSecurity.Plain),
        };
        return MailSignatures.Open(opened, security, sender);
    }

    private static (MimeMessage, MailSecurity) OpenPgpMime(
        MimeMessage message, MultipartEncrypted encrypted, IReadOnlyList<Func<long, PgpPrivateKey?>> keys,
        Accounts.OpenPgpPublicKey? sender)
    {
        if (encrypted.Count != 2 || encrypted[1] is not MimePart { Content: not null } payload)
        {
            throw new MailNotOpenedException("malformed: a PGP/MIME message needs two parts");
        }
        using var ciphertext = new MemoryStream();
        payload.Content.DecodeTo(ciphertext);
        ciphertext.Position = 0;
        var (clear, security) = Decrypt(ciphertext, keys, sender);
        MimeEntity body;
        try
        {
            body = MimeEntity.Load(new MemoryStream(clear));
        }
        catch (FormatException)
        {
            throw new MailNotOpenedException("malformed: the decrypted PGP/MIME content is not MIME");
        }
        return (WithBody(message, body), security);
    }

    private static (MimeMessage, MailSecurity) OpenInline(
        MimeMessage message, TextPart text, IReadOnlyList<Func<long, PgpPrivateKey?>> keys,
        Accounts.OpenPgpPublicKey? sender)
    {
        var content = text.Text;
        var start = content.IndexOf(ArmorBegin, StringComparison.Ordinal);
        var end = content.IndexOf(ArmorEnd, start, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new MailNotOpenedException("malformed: an inline PGP message without its end line");
        }
        end += ArmorEnd.Length;
        using var armored = new MemoryStream(Encoding.ASCII.GetBytes(content[start..end]));
        var (clear, security) = Decrypt(armored, keys, sender);
        var opened = content[..start] + Encoding.UTF8.GetString(clear) + content[end..];
        return (WithBody(message, new TextPart("plain") { Text = opened }), security);
    }

    /// <summary>A copy of <paramref name="message"/>'s headers (its own content headers left out) over
    /// <paramref name="body"/>.</summary>
    internal static MimeMessage WithBody(MimeMessage message, MimeEntity body)
    {
        var copy = new MimeMessage(message.Headers.Where(h =>
            !h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && h.Id != HeaderId.MimeVersion));
        copy.Body = body;
        return copy;
    }

    private static (byte[] Clear, MailSecurity Security) Decrypt(
        Stream input, IReadOnlyList<Func<long, PgpPrivateKey?>> keys, Accounts.OpenPgpPublicKey? sender)
    {
        if (keys.Count == 0)
        {
            throw new MailNotOpenedException("encrypted, and this instance has no OpenPGP key");
        }
        try
        {
            var factory = new PgpObjectFactory(PgpUtilities.GetDecoderStream(input));
            var list = NextOf<PgpEncryptedDataList>(factory)
                ?? throw new MailNotOpenedException("malformed: no OpenPGP encrypted data");
            var encrypted = list.GetEncryptedDataObjects().OfType<PgpPublicKeyEncryptedData>().ToList();
            var (data, privateKey) = keys.SelectMany(find => encrypted.Select(d => (Data: d, Key: find(d.KeyId))))
                .FirstOrDefault(d => d.Key is not null);
            if (data is null || privateKey is null)
            {
                throw new MailNotOpenedException("encrypted to a key this instance does not hold");
            }
            if (!data.IsIntegrityProtected())
            {
                throw new MailNotOpenedException("encrypted without integrity protection");
            }
            var (clear, signer) = Literal(new PgpObjectFactory(data.GetDataStream(privateKey)), sender);
            if (!data.Verify())
            {
                throw new MailNotOpenedException("damaged: the integrity check failed");
            }
            return (clear, signer is null
                ? new MailSecurity(true, MailSignature.None, null)
                : new MailSecurity(true, signer.Signature, signer.KeyId, signer.Fingerprint));
        }
        catch (Exception e) when (e is PgpException or IOException or InvalidOperationException)
        {
            throw new MailNotOpenedException("damaged: not a readable OpenPGP message");
        }
    }

    /// <summary>
    /// The literal data, through compression, and what a one-pass signature over it proves, if there is one.
    /// </summary>
    private static (byte[] Clear, MailSignatures.Outcome? Signer) Literal(
        PgpObjectFactory factory, Accounts.OpenPgpPublicKey? sender)
    {
        PgpOnePassSignature? signer = null;
        for (var next = factory.NextPgpObject(); next is not null; next = factory.NextPgpObject())
        {
            switch (next)
            {
                case PgpCompressedData compressed:
                    factory = new PgpObjectFactory(compressed.GetDataStream());
                    break;
                case PgpOnePassSignatureList signatures when signatures.Count > 0:
                    signer = signatures[0];
                    break;
                case PgpLiteralData literal:
                    var clear = ReadBounded(literal.GetInputStream());
                    return (clear, signer is null ? null : MailSignatures.OnePass(signer, clear, factory, sender));
            }
        }
        throw new MailNotOpenedException("malformed: no content in the OpenPGP message");
    }

    private static byte[] ReadBounded(Stream stream)
    {
        using var clear = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (clear.Length + read > MaxDecryptedBytes)
            {
                throw new MailNotOpenedException("too large once decrypted");
            }
            clear.Write(buffer, 0, read);
        }
        return clear.ToArray();
    }

    private static T? NextOf<T>(PgpObjectFactory factory) where T : class
    {
        for (var next = factory.NextPgpObject(); next is not null; next = factory.NextPgpObject())
        {
            if (next is T found)
            {
                return found;
            }
        }
        return null;
    }
}
