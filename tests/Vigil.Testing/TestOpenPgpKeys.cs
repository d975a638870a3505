using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Bcpg.Sig;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Vigil.Testing;

/// <summary>
/// OpenPGP keys made in the test with BouncyCastle, with the faults a registration must refuse on demand: a primary
/// key that signs and certifies, an encryption subkey (or none), an expiry, a revocation
/// (<see cref="Revoked"/>).
/// </summary>
public static class TestOpenPgpKeys
{
    private static readonly SecureRandom Random = new();

    /// <param name="created">The keys' creation time (UTC).</param>
    /// <param name="expiresAfter">The primary key's lifetime from <paramref name="created"/>; null: never.</param>
    public static TestKey Make(string userId, DateTime created, TimeSpan? expiresAfter = null,
        bool encryptionSubkey = true)
    {
        var master = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, Rsa(), created);
        var certification = new PgpSignatureSubpacketGenerator();
        certification.SetKeyFlags(false, KeyFlags.CertifyOther | KeyFlags.SignData);
        if (expiresAfter is { } lifetime)
        {
            certification.SetKeyExpirationTime(false, (long)lifetime.TotalSeconds);
        }
        var generator = new PgpKeyRingGenerator(PgpSignature.PositiveCertification, master, userId,
            SymmetricKeyAlgorithmTag.Aes256, Array.Empty<char>(), false, certification.Generate(), null, Random);
        if (encryptionSubkey)
        {
            var binding = new PgpSignatureSubpacketGenerator();
            binding.SetKeyFlags(false, KeyFlags.EncryptComms | KeyFlags.EncryptStorage);
            generator.AddSubKey(new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, Rsa(), created), binding.Generate(),
                null);
        }
        return new TestKey(generator.GenerateSecretKeyRing(), generator.GeneratePublicKeyRing());
    }

    /// <summary>The public half of <paramref name="ring"/> with a revocation of its primary key, armored.</summary>
    public static string Revoked(TestKey key)
    {
        var revocation = new PgpSignatureGenerator(PublicKeyAlgorithmTag.RsaGeneral, HashAlgorithmTag.Sha256);
        revocation.InitSign(PgpSignature.KeyRevocation,
            key.Secret.GetSecretKey().ExtractPrivateKey(Array.Empty<char>()));
        var master = key.Public.GetPublicKey();
        var revoked = PgpPublicKey.AddCertification(master, revocation.GenerateCertification(master));
        return Armored(PgpPublicKeyRing.InsertPublicKey(key.Public, revoked));
    }

    /// <summary>The public half, ASCII-armored, as <c>gpg --armor --export</c> writes it.</summary>
    public static string Armored(TestKey key) => Armored(key.Public);

    private static string Armored(PgpPublicKeyRing ring)
    {
        using var buffer = new MemoryStream();
        using (var armor = new ArmoredOutputStream(buffer))
        {
            ring.Encode(armor);
        }
        return Encoding.ASCII.GetString(buffer.ToArray());
    }

    public static string Fingerprint(TestKey key) => Convert.ToHexString(key.Public.GetPublicKey().GetFingerprint());

    private static AsymmetricCipherKeyPair Rsa()
    {
        var generator = new RsaKeyPairGenerator();
        // 2048 bits: enough for a test and quick to make.
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), Random, 2048, 80));
        return generator.GenerateKeyPair();
    }
}

/// <summary>A key made by <see cref="TestOpenPgpKeys.Make"/>: its secret and public rings.</summary>
public sealed record TestKey(PgpSecretKeyRing Secret, PgpPublicKeyRing Public);
