using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Bcpg.Sig;
using Vigil.Core.Clock;
using Vigil.Core.Errors;

namespace Vigil.Core.Accounts;

/// <summary>
/// An account's OpenPGP public key (docs/accounts.md), read from its ASCII armor and checked as registered: one key,
/// neither revoked nor expired, with a key that can encrypt now (an encryption subkey, or a primary key whose
/// self-signature allows encryption), and a user id carrying the account's e-mail address that the key itself
/// certified. Every refusal is a <see cref="ValidationFailedException"/> on <see cref="Field"/> saying which rule.
/// </summary>
public sealed class OpenPgpPublicKey
{
    public const string Field = "publicKey";

    /// <summary>Bounds the armored text: a key with a few subkeys and user ids is a few KiB; 64 KiB is plenty.
    /// </summary>
    public const int MaxArmoredLength = 64 * 1024;

    private const string Begin = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private OpenPgpPublicKey(PgpPublicKeyRing ring)
    {
        Ring = ring;
        var master = ring.GetPublicKey();
        Fingerprint = Convert.ToHexString(master.GetFingerprint());
        Created = new DateTimeOffset(master.CreationTime.ToUniversalTime(), TimeSpan.Zero);
        var valid = master.GetValidSeconds();
        Expires = valid > 0 ? Created.AddSeconds(valid) : null;
    }

    public PgpPublicKeyRing Ring { get; }

    /// <summary>The primary key's fingerprint in upper-case hex.</summary>
    public string Fingerprint { get; }

    public DateTimeOffset Created { get; }

    /// <summary>When the primary key expires; null: never.</summary>
    public DateTimeOffset? Expires { get; }

    /// <summary>Checks <paramref name="armored"/> for the account of <paramref name="email"/> at
    /// <paramref name="now"/>.</summary>
    public static OpenPgpPublicKey Parse(string? armored, string email, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(armored) || armored.Length > MaxArmoredLength)
        {
            throw Refused($"paste an ASCII-armored public key of at most {MaxArmoredLength / 1024} KiB.");
        }
        if (armored.Contains("PRIVATE KEY BLOCK", StringComparison.Ordinal))
        {
            throw Refused("this is a secret key: register the public key only (gpg --armor --export), and keep the "
                + "secret key to yourself.");
        }
        if (!armored.TrimStart().StartsWith(Begin, StringComparison.Ordinal))
        {
            throw Refused($"not an ASCII-armored OpenPGP public key (it starts with {Begin}).");
        }
        var rings = Read(armored) ?? throw Refused("not a readable OpenPGP public key.");
        if (rings.Count != 1)
        {
            throw Refused($"one key, not {rings.Count}.");
        }
        var key = new OpenPgpPublicKey(rings[0]);
        var master = key.Ring.GetPublicKey();
        if (master.HasRevocation())
        {
            throw Refused("the key is revoked.");
        }
        if (key.Expires is { } expires && expires <= now)
        {
            throw Refused($"the key expired on {DateWords.Day(expires)}.");
        }
        if (key.EncryptionKey(now) is null)
        {
            throw Refused("the key has no encryption key valid now; add an encryption subkey "
                + $"(gpg --quick-add-key {key.Fingerprint} rsa3072 encr).");
        }
        if (!key.HasUserId(email))
        {
            throw Refused($"no user id of the key carries your account's address ({email}); add one "
                + $"(gpg --quick-add-uid {key.Fingerprint} \"Your Name <{email}>\") and export the key again.");
        }
        return key;
    }

    /// <summary>A key as stored (it was checked when registered); null when it cannot be read any more.</summary>
    public static OpenPgpPublicKey? Stored(string armored) =>
        Read(armored) is [var ring] ? new OpenPgpPublicKey(ring) : null;

    /// <summary>The key to encrypt to at <paramref name="now"/>: a subkey first, as OpenPGP implementations
    /// choose; null when none is valid (revoked, expired, or not allowed to encrypt).</summary>
    public PgpPublicKey? EncryptionKey(DateTimeOffset now)
    {
        var master = Ring.GetPublicKey();
        if (master.HasRevocation() || (Expires is { } expires && expires <= now))
        {
            return null;
        }
        var subkeys = Ring.GetPublicKeys().Where(k => !k.IsMasterKey && k.IsEncryptionKey && !k.HasRevocation())
            .Where(k => Bound(master, k) is { } flags && (flags == 0 || (flags & Encrypts) != 0))
            .Where(k => k.GetValidSeconds() == 0 || KeyTime(k).AddSeconds(k.GetValidSeconds()) > now)
            .OrderByDescending(KeyTime)
            .ToList();
        if (subkeys.Count > 0)
        {
            return subkeys[0];
        }
        var masterFlags = master.GetSignatures().Where(s => s.KeyId == master.KeyId && s.HasSubpackets)
            .Select(s => s.GetHashedSubPackets().GetKeyFlags()).FirstOrDefault(f => f != 0);
        return master.IsEncryptionKey && (masterFlags & Encrypts) != 0 ? master : null;
    }

    /// <summary>The signing key (the primary key or a subkey of this key) with id <paramref name="keyId"/>.</summary>
    public PgpPublicKey? SigningKey(long keyId) => Ring.GetPublicKey(keyId);

    /// <summary>The fingerprint in groups of four, as people compare them.</summary>
    public static string ForPeople(string fingerprint) => string.Join(' ',
        Enumerable.Range(0, fingerprint.Length / 4).Select(i => fingerprint.Substring(i * 4, 4)));

    private const int Encrypts = KeyFlags.EncryptComms | KeyFlags.EncryptStorage;

    private static DateTimeOffset KeyTime(PgpPublicKey key) =>
        new(key.CreationTime.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>The key flags of a subkey binding that verifies (0: the binding names none); null: not bound.</summary>
    private static int? Bound(PgpPublicKey master, PgpPublicKey subkey)
    {
        foreach (var signature in subkey.GetSignaturesOfType(PgpSignature.SubkeyBinding))
        {
            try
            {
                signature.InitVerify(master);
                if (signature.VerifyCertification(master, subkey))
                {
                    return signature.HasSubpackets ? signature.GetHashedSubPackets().GetKeyFlags() : 0;
                }
            }
            catch (PgpException)
            {
                // An unreadable binding binds nothing.
            }
        }
        return null;
    }

    /// <summary>Whether a user id with <paramref name="email"/> is certified by the key itself.</summary>
    private bool HasUserId(string email)
    {
        var master = Ring.GetPublicKey();
        foreach (var userId in master.GetUserIds().OfType<string>().Where(u => Address(u) is { } a
            && string.Equals(a, email, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var signature in master.GetSignaturesForId(userId).Where(s => s.KeyId == master.KeyId
                && s.SignatureType is >= PgpSignature.DefaultCertification and <= PgpSignature.PositiveCertification))
            {
                try
                {
                    signature.InitVerify(master);
                    if (signature.VerifyCertification(userId, master))
                    {
                        return true;
                    }
                }
                catch (PgpException)
                {
                    // A certification that cannot be checked certifies nothing.
                }
            }
        }
        return false;
    }

    /// <summary>The address of a user id: <c>Name &lt;address&gt;</c>, or a bare address.</summary>
    private static string? Address(string userId)
    {
        var open = userId.LastIndexOf('<');
        var close = userId.LastIndexOf('>');
        var address = open >= 0 && close > open ? userId[(open + 1)..close] : userId;
        return address.Contains('@', StringComparison.Ordinal) ? address.Trim() : null;
    }

    private static List<PgpPublicKeyRing>? Read(string armored)
    {
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes(armored)));
            return new PgpPublicKeyRingBundle(input).GetKeyRings().ToList();
        }
        catch (Exception e) when (e is IOException or PgpException or ArgumentException or InvalidCastException)
        {
            return null;
        }
    }

    private static ValidationFailedException Refused(string problem) => new("The OpenPGP key is not accepted.",
        new Dictionary<string, string[]> { [Field] = [problem] });
}
