using Microsoft.AspNetCore.Identity;

namespace Vigil.Core.Accounts;

/// <summary>
/// The password work done where there is no account to check against, so that an unknown address costs what a
/// known one does (the time of an answer does not tell whether an address has an account).
/// </summary>
public static class DecoyPassword
{
    private static string? _hash;

    /// <summary>One hash verification, as checking a known account's password costs.</summary>
    public static void Verify(IPasswordHasher<VigilUser> hasher, string password)
    {
        _hash ??= hasher.HashPassword(new VigilUser(), "decoy password for unknown addresses");
        hasher.VerifyHashedPassword(new VigilUser(), _hash, password);
    }
}
