using System.Security.Cryptography;

namespace Vigil.Core.Security;

/// <summary>Secrets handed out once (API tokens, follow-up tokens): a recognisable prefix and 256 random bits in
/// URL-safe base64.</summary>
internal static class RandomTokens
{
    public static string Create(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');
}
