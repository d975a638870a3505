using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Sync;

/// <summary>
/// One pass of the sync schedule: every configured (source, ecosystem) whose last run is at least half an
/// interval old is claimed and run. The claim is a compare-and-set on its <see cref="SyncStateEntity"/> row
/// (<c>LastRunAt</c> moved to now only where it is still old; a first run inserts the row, and the primary
/// key refuses a second insert), so when several instances share one database each run happens once, as the
/// deadline clock's claim rows do. Half an interval, because a run stamps <c>LastRunAt</c> again when it ends.
/// </summary>
public sealed class RunScheduledSync(VigilDbContext db, TimeProvider time, RunSync sync)
{
    public async Task<IReadOnlyList<SyncRunResult>> ExecuteAsync(
        SyncScheduleOptions schedule, CancellationToken cancellationToken = default)
    {
        var results = new List<SyncRunResult>();
        var interval = TimeSpan.FromMinutes(Math.Max(1, schedule.IntervalMinutes));
        foreach (var source in schedule.Sources)
        {
            foreach (var ecosystem in source.Ecosystems.Distinct(StringComparer.Ordinal))
            {
                if (await ClaimAsync(source, ecosystem, interval, cancellationToken))
                {
                    results.Add(await sync.ExecuteAsync(
                        new SyncSource(source.Name, source.Location), ecosystem, null, cancellationToken));
                }
            }
        }
        return results;
    }

    /// <returns>Whether this instance won the run.</returns>
    internal async Task<bool> ClaimAsync(
        SyncSourceOptions source, string ecosystem, TimeSpan interval, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var old = now - interval / 2;
        var states = db.Set<SyncStateEntity>().Where(s => s.Source == source.Name && s.Ecosystem == ecosystem);
        if (await states.Where(s => s.LastRunAt == null || s.LastRunAt <= old)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastRunAt, now), cancellationToken) == 1)
        {
            return true;
        }
        if (await states.AnyAsync(cancellationToken))
        {
            return false;
        }
        try
        {
            db.Add(new SyncStateEntity
            {
                Source = source.Name,
                Ecosystem = ecosystem,
                BaseUrl = source.Location,
                LastRunAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
