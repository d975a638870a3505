using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Vigil.Core.Reports;

/// <summary>Refuses to save a change to, or the removal of, a timeline event (every transition is an immutable timeline
/// event).</summary>
internal static class TimelineGuard
{
    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<ReportEventEntity>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"Timeline event {entry.Entity.Id} of report #{entry.Entity.ReportId} is immutable; it cannot be "
                    + $"{(entry.State == EntityState.Deleted ? "deleted" : "changed")}.");
            }
        }
    }
}
