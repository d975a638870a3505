using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Reports;

/// <summary>
/// Checks at start-up that the configured master key opens the data already sealed in the database: the
/// newest report's wrapped key is unwrapped (an authenticated decryption, not only a key id comparison).
/// With a wrong key the server would otherwise start and then answer 500 on every report; a database with
/// no report yet accepts any well-formed key.
/// </summary>
public static class MasterKeyCheck
{
    public static async Task VerifyAsync(VigilDbContext db, ReportVault vault, CancellationToken cancellationToken)
    {
        var wrapped = await db.Reports.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Select(r => r.WrappedKey)
            .FirstOrDefaultAsync(cancellationToken);
        if (wrapped is null)
        {
            return;
        }
        try
        {
            vault.Unwrap(wrapped);
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException(
                $"The report master key ({ReportVaultOptions.Section}:MasterKey, or the file "
                + $"{ReportVaultOptions.Section}:MasterKeyFile names, "
                + $"by default {ReportVaultOptions.KeyFileName} beside the SQLite database) is not the key this "
                + "database's reports were sealed with: "
                + "configure the key they were sealed with (after a rotation, the new one). The server does not start "
                + "with a key that cannot open them.");
        }
    }
}
