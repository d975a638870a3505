using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Security;

namespace Vigil.Core.Reports;

/// <summary>
/// The anonymous reporter's secret: 256 random bits, URL-safe base64 with a <c>vfu_</c> prefix (so secret
/// scanners and log scrubbers can spot it). Only its SHA-256 is stored; a token is a high-entropy random
/// value, so a fast hash is enough (no password stretching needed), and comparison is constant-time.
/// </summary>
public static class FollowUpTokens
{
    public const string Prefix = "vfu_";

    public static (string Token, byte[] Hash) Create()
    {
        var token = RandomTokens.Create(Prefix);
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static bool Matches(byte[]? storedHash, string? token) =>
        storedHash is not null && token is not null && token.Length < 200
        && CryptographicOperations.FixedTimeEquals(storedHash, Hash(token));
}
