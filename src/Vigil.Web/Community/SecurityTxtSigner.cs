using System.Text;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Vigil.Core.Security;

namespace Vigil.Web.Community;

/// <summary>
/// Signs security.txt with an OpenPGP cleartext signature (RFC 9116 § 2.3, RFC 4880 § 7) when
/// <see cref="SecurityTxtOptions.SigningKeyFile"/> is set. OpenPGP is done by BouncyCastle; only the
/// cleartext framing (which lines are hashed how) is written here. The signature's creation time is the
/// start of the UTC day, like Expires (or the key's creation, if later), so the signed file and its ETag
/// stay the same all day.
/// </summary>
public sealed class SecurityTxtSigner
{
    private readonly (PgpSecretKey Key, PgpPrivateKey Private)? _key;
    private Signed? _last; // one reference, swapped whole: safe to read from concurrent requests

    private sealed record Signed(string Text, DateTimeOffset Day, string Body);

    public SecurityTxtSigner(IOptions<SecurityTxtOptions> options) => _key = Load(options.Value);

    public bool Enabled => _key is not null;

    /// <summary>
    /// The key named by the options, or null without one; a key that cannot be used throws, saying why.
    /// </summary>
    public static (PgpSecretKey Key, PgpPrivateKey Private)? Load(SecurityTxtOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            return null;
        }
        var file = OpenPgpKeyFile.Read($"{SecurityTxtOptions.Section}:SigningKeyFile", options.SigningKeyFile);
        var key = file.Bundle.GetKeyRings()
            .SelectMany(ring => ring.GetSecretKeys())
            .FirstOrDefault(k => k.IsSigningKey && !k.IsPrivateKeyEmpty)
            ?? throw file.Problem("holds no secret key that can sign.");
        return (key, file.Unlock(
            key, options.SigningKeyPassphrase, $"{SecurityTxtOptions.Section}:SigningKeyPassphrase"));
    }

    /// <summary>
    /// <paramref name="text"/> (LF line ends, ending in a line break) as a signed message; unchanged without a key.
    /// </summary>
    public string Sign(string text, DateTimeOffset now)
    {
        if (_key is not { } key)
        {
            return text;
        }
        // Never before the key itself: OpenPGP verifiers refuse a signature older than its key ("time conflict").
        var created = new DateTimeOffset(DateTime.SpecifyKind(key.Key.PublicKey.CreationTime, DateTimeKind.Utc));
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        day = day < created ? created : day;
        if (_last is { } last && last.Text == text && last.Day == day)
        {
            return last.Body;
        }
        var signed = SignAt(key, text, day);
        _last = new Signed(text, day, signed);
        return signed;
    }

    private static string SignAt((PgpSecretKey Key, PgpPrivateKey Private) key, string text, DateTimeOffset at)
    {
        var generator = new PgpSignatureGenerator(key.Key.PublicKey.Algorithm, HashAlgorithmTag.Sha256);
        generator.InitSign(PgpSignature.CanonicalTextDocument, key.Private);
        var subpackets = new PgpSignatureSubpacketGenerator();
        subpackets.SetSignatureCreationTime(false, at.UtcDateTime);
        subpackets.SetIssuerKeyID(false, key.Key.KeyId);
        generator.SetHashedSubpackets(subpackets.Generate());

        using var output = new MemoryStream();
        using (var armored = new ArmoredOutputStream(output))
        {
            armored.BeginClearText(HashAlgorithmTag.Sha256);
            // RFC 4880 § 7.1: each line is hashed without trailing spaces and with CR LF between lines; the
            // line break before the signature is not part of the signed text. The armor dash-escapes lines.
            var lines = text.TrimEnd('\n').Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    generator.Update((byte)'\r');
                    generator.Update((byte)'\n');
                }
                var line = Encoding.UTF8.GetBytes(lines[i].TrimEnd(' ', '\t', '\r'));
                generator.Update(line, 0, line.Length);
                armored.Write(Encoding.UTF8.GetBytes(lines[i] + "\n"));
            }
            armored.EndClearText();
            using var packets = new BcpgOutputStream(armored);
            generator.Generate().Encode(packets);
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
