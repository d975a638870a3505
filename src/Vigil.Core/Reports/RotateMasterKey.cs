using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Reports;

/// <summary>
/// Re-wraps every report's data key with a new master key, in one transaction: the sealed text, comments and
/// attachments stay as they are (they are sealed with the per-report keys). Reports already wrapped by the
/// new key are left alone, so a second run changes nothing. Servers must be stopped meanwhile and restarted
/// with the new key: a server still on the old key could not open the re-wrapped reports.
/// </summary>
public sealed class RotateMasterKey(VigilDbContext db)
{
    public async Task<int> ExecuteAsync(ReportVault current, ReportVault next, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reports = await db.Reports.ToListAsync(cancellationToken);
        var rotated = 0;
        foreach (var report in reports.Where(r => !next.Wrapped(r.WrappedKey)))
        {
            report.WrappedKey = next.Wrap(current.Unwrap(report.WrappedKey));
            rotated++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rotated;
    }
}
