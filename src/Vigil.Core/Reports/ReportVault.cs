using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Reports;

/// <summary>
/// Encryption at rest for reports (docs/disclosure.md): each report has a random 256-bit data key;
/// its text is sealed with AES-256-GCM under that key, and the key is wrapped (AES-256-GCM too) by the
/// instance's master key. A database dump therefore holds no plaintext report text, and rotating the
/// master key only re-wraps the small per-report keys. Layouts (all byte arrays):
/// wrapped key = version 1 | master key id (4) | nonce (12) | tag (16) | key (32);
/// sealed data = version 1 | nonce (12) | tag (16) | ciphertext. The associated data binds each
/// ciphertext to its purpose, so a sealed comment cannot be passed off as a report body.
/// </summary>
public sealed class ReportVault
{
    private const byte Version = 1;
    private const int NonceSize = 12, TagSize = 16, KeySize = 32, KeyIdSize = 4;
    private static readonly byte[] WrapPurpose = "vigil:report-key:v1"u8.ToArray();

    private readonly byte[] _masterKey;
    private readonly byte[] _masterKeyId;

    public ReportVault(byte[] masterKey)
    {
        if (masterKey.Length != KeySize)
        {
            throw new ArgumentException(
                $"The master key must be {KeySize} bytes (256 bits); {masterKey.Length} given.", nameof(masterKey));
        }
        _masterKey = [.. masterKey];
        _masterKeyId = SHA256.HashData(masterKey)[..KeyIdSize];
    }

    /// <summary>A new data key for a new report, and its wrapped form to store.</summary>
    public (byte[] DataKey, byte[] Wrapped) NewDataKey()
    {
        var dataKey = RandomNumberGenerator.GetBytes(KeySize);
        return (dataKey, Wrap(dataKey));
    }

    /// <summary>Whether <paramref name="wrapped"/> was wrapped by this vault's master key (by its key id).</summary>
    public bool Wrapped(byte[] wrapped) =>
        wrapped.Length > KeyIdSize && wrapped.AsSpan(1, KeyIdSize).SequenceEqual(_masterKeyId);

    /// <summary>A data key wrapped by this vault's master key (new reports, and master key rotation).</summary>
    public byte[] Wrap(byte[] dataKey)
    {
        var wrapped = new byte[1 + KeyIdSize + NonceSize + TagSize + KeySize];
        wrapped[0] = Version;
        _masterKeyId.CopyTo(wrapped, 1);
        var nonce = wrapped.AsSpan(1 + KeyIdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_masterKey, TagSize);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(1 + KeyIdSize + NonceSize + TagSize), wrapped.AsSpan(
            1 + KeyIdSize + NonceSize, TagSize), WrapPurpose);
        return wrapped;
    }

    /// <summary>The data key inside <paramref name="wrapped"/>; a clear error when another master key sealed
    /// it.</summary>
    public byte[] Unwrap(byte[] wrapped)
    {
        if (wrapped.Length != 1 + KeyIdSize + NonceSize + TagSize + KeySize || wrapped[0] != Version)
        {
            throw new CryptographicException(
                "The report's wrapped key is not in a format this version of Vigil reads.");
        }
        if (!wrapped.AsSpan(1, KeyIdSize).SequenceEqual(_masterKeyId))
        {
            throw new CryptographicException(
                "The report was sealed with another master key than the one configured (Vigil:Reports:MasterKey).");
        }
        var dataKey = new byte[KeySize];
        using var aes = new AesGcm(_masterKey, TagSize);
        aes.Decrypt(
            wrapped.AsSpan(1 + KeyIdSize, NonceSize), wrapped.AsSpan(1 + KeyIdSize + NonceSize + TagSize),
            wrapped.AsSpan(1 + KeyIdSize + NonceSize, TagSize), dataKey, WrapPurpose);
        return dataKey;
    }

    public static byte[] Seal(byte[] dataKey, string plaintext, string purpose) =>
        Seal(dataKey, Encoding.UTF8.GetBytes(plaintext), purpose);

    public static string Open(byte[] dataKey, byte[] sealedData, string purpose) =>
        Encoding.UTF8.GetString(OpenBytes(dataKey, sealedData, purpose));

    public static byte[] Seal(byte[] dataKey, ReadOnlySpan<byte> input, string purpose)
    {
        var output = new byte[1 + NonceSize + TagSize + input.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(dataKey, TagSize);
        aes.Encrypt(
            nonce, input, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize),
            Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public static byte[] OpenBytes(byte[] dataKey, byte[] sealedData, string purpose)
    {
        if (sealedData.Length < 1 + NonceSize + TagSize || sealedData[0] != Version)
        {
            throw new CryptographicException("Sealed report data is not in a format this version of Vigil reads.");
        }
        var plain = new byte[sealedData.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(dataKey, TagSize);
        aes.Decrypt(
            sealedData.AsSpan(1, NonceSize), sealedData.AsSpan(1 + NonceSize + TagSize),
            sealedData.AsSpan(1 + NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(purpose));
        return plain;
    }
}
