using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Vigil.Core.Security;

/// <summary>
/// An ASCII-armored OpenPGP secret key in a file named by a setting (the mail key, the security.txt signing
/// key), read once at start: what cannot be read or unlocked throws a message naming the setting and the file.
/// </summary>
public sealed class OpenPgpKeyFile
{
    private readonly string _where;

    private OpenPgpKeyFile(string where, PgpSecretKeyRingBundle bundle)
    {
        _where = where;
        Bundle = bundle;
    }

    public PgpSecretKeyRingBundle Bundle { get; }

    /// <param name="setting">The setting that names the file (<c>Section:Key</c>), for messages.</param>
    public static OpenPgpKeyFile Read(string setting, string path)
    {
        var where = $"{setting} ({path})";
        try
        {
            using var file = File.OpenRead(path);
            return new OpenPgpKeyFile(where, new PgpSecretKeyRingBundle(PgpUtilities.GetDecoderStream(file)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PgpException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{where}: not a readable ASCII-armored OpenPGP secret key: {e.Message}", e);
        }
    }

    /// <summary>A message about this file: "<c>Section:Key (path): problem</c>".</summary>
    public InvalidOperationException Problem(string problem) => new($"{_where}: {problem}");

    /// <param name="passphraseSetting">The setting that holds the passphrase, for the message.</param>
    public PgpPrivateKey Unlock(PgpSecretKey key, string? passphrase, string passphraseSetting)
    {
        try
        {
            return key.ExtractPrivateKey((passphrase ?? "").ToCharArray())
                ?? throw Problem("the secret key has no private part.");
        }
        catch (PgpException e)
        {
            throw new InvalidOperationException(
                $"{_where}: cannot unlock the key; check {passphraseSetting} ({e.Message}).", e);
        }
    }
}
