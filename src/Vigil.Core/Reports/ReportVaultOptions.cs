using Vigil.Core.Data;

namespace Vigil.Core.Reports;

/// <summary>Configuration section <c>Vigil:Reports</c>: the master key that wraps every report's data key.</summary>
public sealed class ReportVaultOptions
{
    public const string Section = "Vigil:Reports";
    public const string KeyFileName = "vigil-master.key";

    /// <summary>The master key, base64 of 32 random bytes (<c>openssl rand -base64 32</c>). Takes precedence over
    /// <see cref="MasterKeyFile"/>.</summary>
    public string? MasterKey { get; set; }

    /// <summary>A file holding the base64 key. Default on SQLite: <c>vigil-master.key</c> beside the database, created
    /// on first start.</summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>
    /// Resolves the master key: the configured key, else the key file (created with a new random key and
    /// mode 0600 when it does not exist and the database is SQLite, so the default install needs no set-up).
    /// PostgreSQL deployments usually run several instances, which must share one key: there a missing
    /// key is an error, never a silently generated one.
    /// </summary>
    public ReportVault CreateVault(DatabaseTarget database)
    {
        if (!string.IsNullOrWhiteSpace(MasterKey))
        {
            return new ReportVault(Decode(MasterKey, $"{Section}:MasterKey"));
        }
        var file = MasterKeyFile ?? (database.SqliteFile() is { } sqlite
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlite)) ?? ".", KeyFileName)
            : null);
        if (file is null)
        {
            throw new InvalidOperationException(
                $"No master key for report encryption: set {Section}:MasterKey (base64 of 32 random bytes, e.g. "
                + $"`openssl rand -base64 32`) or {Section}:MasterKeyFile. Every server instance sharing the "
                + "PostgreSQL database needs the same key.");
        }
        if (!File.Exists(file))
        {
            if (MasterKeyFile is not null)
            {
                throw new InvalidOperationException($"{Section}:MasterKeyFile '{file}' does not exist.");
            }
            CreateKeyFile(file);
        }
        return new ReportVault(Decode(File.ReadAllText(file).Trim(), $"the key file '{file}'"));
    }

    /// <summary>Writes a new random master key to <paramref name="file"/> (mode 0600), unless it exists.</summary>
    public static void CreateKeyFile(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var stream = new FileStream(file, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process created it first: use theirs.
        }
    }

    private static byte[] Decode(string base64, string where)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The report master key in {where} is not base64.");
        }
        return key.Length == 32
            ? key
            : throw new InvalidOperationException(
                $"The report master key in {where} is {key.Length} bytes; it must be 32 (256 bits).");
    }
}
