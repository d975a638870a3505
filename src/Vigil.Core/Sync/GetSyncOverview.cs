using Vigil.Core.Reports;

namespace Vigil.Core.Sync;

/// <summary>
/// One (source, ecosystem) on the admin status page: its sync state (null before its first run), whether this
/// instance's schedule names it, and when the schedule runs it next.
/// </summary>
public sealed record SyncOverviewRow(
    string Source, string Ecosystem, string Location, bool Scheduled, SyncStatusView? State, DateTimeOffset? NextRunAt);

/// <summary>
/// The admin status page's facts: the schedule's interval (0: off) and every source known to the schedule or
/// the database.
/// </summary>
public sealed record SyncOverview(int IntervalMinutes, IReadOnlyList<SyncOverviewRow> Rows);

/// <summary>
/// The sync status page (docs/sync.md): the states of <see cref="GetSyncStatus"/> (instance administrators only;
/// anyone else gets "not found") joined with the configured schedule. A scheduled run is due an interval after the
/// last one started (at once if it never ran); a state whose source is no longer configured is shown unscheduled.
/// </summary>
public sealed class GetSyncOverview(GetSyncStatus status, TimeProvider time)
{
    public async Task<SyncOverview> ExecuteAsync(
        Actor actor, SyncScheduleOptions schedule, CancellationToken cancellationToken = default)
    {
        var states = await status.ExecuteAsync(actor, cancellationToken);
        var interval = TimeSpan.FromMinutes(schedule.IntervalMinutes);
        var now = time.GetUtcNow();
        var configured = schedule.Sources
            .SelectMany(s => s.Ecosystems.Select(e => (Source: s.Name, Ecosystem: e, s.Location)))
            .ToList();
        var rows = new List<SyncOverviewRow>();
        foreach (var (source, ecosystem, location) in configured)
        {
            var state = states.FirstOrDefault(s => s.Source == source && s.Ecosystem == ecosystem);
            DateTimeOffset? next = schedule.IntervalMinutes == 0 ? null
                : state?.LastRunAt is { } last && last + interval > now ? last + interval : now;
            rows.Add(new SyncOverviewRow(source, ecosystem, location, true, state, next));
        }
        var unscheduled = states.Where(s => !configured.Any(c => c.Source == s.Source && c.Ecosystem == s.Ecosystem));
        foreach (var state in unscheduled)
        {
            rows.Add(new SyncOverviewRow(state.Source, state.Ecosystem, state.Location, false, state, null));
        }
        return new SyncOverview(schedule.IntervalMinutes,
            [.. rows.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Ecosystem, StringComparer.Ordinal)]);
    }
}
