using System.Text.Json;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Vigil.Core.Accounts;
using Vigil.Core.Clock;
using Vigil.Core.Errors;
using Vigil.Core.Mail;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>
/// A program's OpenPGP secret key (docs/email.md), read from its ASCII armor with its passphrase and checked as set:
/// one key, neither revoked nor expired, with a secret encryption key valid now that the passphrase unlocks. Every
/// refusal is a <see cref="ValidationFailedException"/> on <see cref="Field"/> or <see cref="PassphraseField"/>
/// saying which rule, never quoting the key. At rest the armor and the passphrase are sealed together with the
/// master key (<see cref="Seal"/>).
/// </summary>
public sealed class ProgramOpenPgpSecretKey
{
    public const string Field = "secretKey";
    public const string PassphraseField = "passphrase";
    public const string Purpose = "vigil:program-openpgp-key:v1";

    /// <summary>Bounds the armored text, as for participants' keys.</summary>
    public const int MaxArmoredLength = OpenPgpPublicKey.MaxArmoredLength;

    public const int MaxPassphraseLength = 1024;

    private const string Begin = "-----BEGIN PGP PRIVATE KEY BLOCK-----";

    private readonly PgpSecretKeyRing _ring;
    private readonly string _armored;
    private readonly string _passphrase;

    private ProgramOpenPgpSecretKey(PgpSecretKeyRing ring, string armored, string passphrase)
    {
        _ring = ring;
        _armored = armored;
        _passphrase = passphrase;
        Fingerprint = Convert.ToHexString(ring.GetPublicKey().GetFingerprint());
        PublicKey = MailKey.Armor(ring);
    }

    /// <summary>The primary key's fingerprint in upper-case hex.</summary>
    public string Fingerprint { get; }

    /// <summary>The public key, ASCII-armored, to publish.</summary>
    public string PublicKey { get; }

    /// <summary>Checks <paramref name="armored"/> and <paramref name="passphrase"/> at <paramref name="now"/>.
    /// </summary>
    public static ProgramOpenPgpSecretKey Parse(string? armored, string? passphrase, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(armored) || armored.Length > MaxArmoredLength)
        {
            throw Refused(Field, $"paste an ASCII-armored secret key of at most {MaxArmoredLength / 1024} KiB.");
        }
        if (passphrase is { Length: > MaxPassphraseLength })
        {
            throw Refused(PassphraseField, $"at most {MaxPassphraseLength} characters.");
        }
        if (!armored.Contains("PRIVATE KEY BLOCK", StringComparison.Ordinal)
            && armored.Contains("PUBLIC KEY BLOCK", StringComparison.Ordinal))
        {
            throw Refused(Field, "this is a public key only: the program needs its secret key to open mail "
                + "(gpg --armor --export-secret-keys).");
        }
        if (!armored.TrimStart().StartsWith(Begin, StringComparison.Ordinal))
        {
            throw Refused(Field, $"not an ASCII-armored OpenPGP secret key (it starts with {Begin}).");
        }
        var rings = Read(armored) ?? throw Refused(Field, "not a readable OpenPGP secret key.");
        if (rings.Count != 1)
        {
            throw Refused(Field, $"one key, not {rings.Count}.");
        }
        var key = new ProgramOpenPgpSecretKey(rings[0], armored.Trim(), passphrase ?? "");
        var published = OpenPgpPublicKey.Stored(key.PublicKey)
            ?? throw Refused(Field, "not a readable OpenPGP secret key.");
        if (rings[0].GetPublicKey().HasRevocation())
        {
            throw Refused(Field, "the key is revoked.");
        }
        if (published.Expires is { } expires && expires <= now)
        {
            throw Refused(Field, $"the key expired on {DateWords.Day(expires)}.");
        }
        if (published.EncryptionKey(now) is not { } encryption
            || rings[0].GetSecretKey(encryption.KeyId) is not { IsPrivateKeyEmpty: false })
        {
            throw Refused(Field, "the key has no secret encryption key valid now; add an encryption subkey "
                + $"(gpg --quick-add-key {key.Fingerprint} rsa3072 encr) and export the secret key again.");
        }
        try
        {
            _ = rings[0].GetSecretKey(encryption.KeyId).ExtractPrivateKey(key._passphrase.ToCharArray())
                ?? throw Refused(Field, "the encryption key has no secret part.");
        }
        catch (PgpException)
        {
            throw Refused(PassphraseField, "the passphrase does not unlock the key.");
        }
        return key;
    }

    /// <summary>The armor and passphrase sealed with the master key, to store.</summary>
    public string Seal(ReportVault vault) => OutboxSeal.Seal(
        vault, JsonSerializer.Serialize(new Stored(_armored, _passphrase), JsonSerializerOptions.Web), Purpose);

    /// <summary>A key as stored (it was checked when set); null when it cannot be read any more.</summary>
    public static ProgramOpenPgpSecretKey? Open(ReportVault vault, string sealedKey)
    {
        var stored = JsonSerializer.Deserialize<Stored>(
            OutboxSeal.Open(vault, sealedKey, Purpose)!, JsonSerializerOptions.Web);
        return stored is not null && Read(stored.Key) is [var ring]
            ? new ProgramOpenPgpSecretKey(ring, stored.Key, stored.Passphrase)
            : null;
    }

    /// <summary>The private key for a message encrypted to <paramref name="keyId"/>, if this key holds it and the
    /// passphrase unlocks it.</summary>
    public PgpPrivateKey? Find(long keyId)
    {
        if (_ring.GetSecretKey(keyId) is not { IsPrivateKeyEmpty: false } secret
            || !secret.PublicKey.IsEncryptionKey || secret.PublicKey.HasRevocation())
        {
            return null;
        }
        try
        {
            return secret.ExtractPrivateKey(_passphrase.ToCharArray());
        }
        catch (PgpException)
        {
            return null;
        }
    }

    private sealed record Stored(string Key, string Passphrase);

    private static List<PgpSecretKeyRing>? Read(string armored)
    {
        try
        {
            using var input = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(armored));
            return [.. new PgpSecretKeyRingBundle(PgpUtilities.GetDecoderStream(input)).GetKeyRings()];
        }
        catch (Exception e) when (e is PgpException or IOException or ArgumentException)
        {
            return null;
        }
    }

    private static ValidationFailedException Refused(string field, string message) =>
        ProgramAdminAccess.Invalid(field, message);
}
