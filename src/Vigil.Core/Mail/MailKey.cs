using System.Text;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Vigil.Core.Security;

namespace Vigil.Core.Mail;

/// <summary>
/// The instance's OpenPGP key for mail (<see cref="MailKeyOptions"/>), read once at start: a key file that cannot
/// be read, holds no encryption key, or cannot be unlocked stops the start with a message saying which.
/// </summary>
public sealed class MailKey
{
    private readonly Dictionary<long, PgpPrivateKey> _private = [];

    public MailKey(IOptions<MailKeyOptions> options)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.KeyFile))
        {
            return;
        }
        var file = OpenPgpKeyFile.Read($"{MailKeyOptions.Section}:KeyFile", settings.KeyFile);
        var ring = file.Bundle.GetKeyRings().FirstOrDefault(r => r.GetSecretKeys().Any(IsUsableForMail))
            ?? throw file.Problem("holds no secret key that can decrypt (an encryption subkey).");
        foreach (var key in ring.GetSecretKeys().Where(IsUsableForMail))
        {
            _private[key.KeyId] = file.Unlock(key, settings.Passphrase, $"{MailKeyOptions.Section}:Passphrase");
        }
        var master = ring.GetPublicKey();
        Fingerprint = Convert.ToHexString(master.GetFingerprint());
        PublicKey = Armor(ring);
    }

    public bool Enabled => PublicKey is not null;

    /// <summary>The primary key's fingerprint in upper-case hex; null without a key.</summary>
    public string? Fingerprint { get; }

    /// <summary>The public key ring, ASCII-armored, to publish; null without a key.</summary>
    public string? PublicKey { get; }

    /// <summary>The private key for a message encrypted to <paramref name="keyId"/>, if it is ours.</summary>
    public PgpPrivateKey? Find(long keyId) => _private.GetValueOrDefault(keyId);

    /// <summary>The fingerprint in groups of four, as people compare them.</summary>
    public string? FingerprintForPeople => Fingerprint is null
        ? null
        : string.Join(' ', Enumerable.Range(0, Fingerprint.Length / 4).Select(i => Fingerprint.Substring(i * 4, 4)));

    private static bool IsUsableForMail(PgpSecretKey key) =>
        !key.IsPrivateKeyEmpty && key.PublicKey.IsEncryptionKey && !key.PublicKey.HasRevocation();

    internal static string Armor(PgpSecretKeyRing ring)
    {
        using var buffer = new MemoryStream();
        using (var armored = new ArmoredOutputStream(buffer))
        {
            foreach (var key in ring.GetPublicKeys())
            {
                key.Encode(armored);
            }
        }
        return Encoding.ASCII.GetString(buffer.ToArray()).Replace("\r\n", "\n");
    }
}
