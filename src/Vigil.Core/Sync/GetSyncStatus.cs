using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.Sync;

/// <summary>One (source, ecosystem) as <c>GET /api/sync</c> shows it.</summary>
public sealed record SyncStatusView(
    string Source, string Ecosystem, string Location, DateTimeOffset? LastRunAt, DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastModifiedSeen, int Added, int Updated, int Withdrawn, int Skipped, string? Error);

/// <summary>
/// The sync state of every source, for instance administrators only (locations may name internal hosts);
/// to anyone else it does not exist (<see cref="NotFoundException"/>).
/// </summary>
public sealed class GetSyncStatus(VigilDbContext db)
{
    public async Task<IReadOnlyList<SyncStatusView>> ExecuteAsync(
        Actor actor, CancellationToken cancellationToken = default)
    {
        if (!ProgramAdminAccess.IsInstanceAdmin(actor))
        {
            throw new NotFoundException("Not found.");
        }
        var rows = await db.Set<SyncStateEntity>().AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.Ecosystem, StringComparer.Ordinal)
            .Select(s => new SyncStatusView(
                s.Source, s.Ecosystem, s.BaseUrl, s.LastRunAt, s.LastSuccessAt, s.LastModifiedSeen,
                s.Added, s.Updated, s.Removed, s.Skipped, s.Error))
            .ToList();
    }
}
