using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Sync;

/// <summary>
/// Mirrors one ecosystem of an OSV bucket into the database (<c>vigil sync</c>, docs/sync.md). The first run
/// (or one after the location changed) reads <c>all.zip</c>; later runs read <c>modified_id.csv</c>
/// conditionally and fetch only the records modified since the last successful run. A run is one
/// transaction: its records, the withdrawals of records upstream no longer lists and the new watermark
/// commit together, so a failure leaves the last good state, readers switch to the new data at once, and
/// the next run starts again from where the last good one ended.
/// </summary>
public sealed class RunSync(VigilDbContext db, TimeProvider time, SyncOptions options)
{
    private readonly SyncOptions _options = options;

    public async Task<SyncRunResult> ExecuteAsync(
        SyncSource source, string ecosystem, IProgress<SyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (SyncSourceNames.Problem(source.Name) is { } problem)
        {
            throw new SyncFailedException(problem);
        }
        db.ChangeTracker.Clear();
        var state = await db.Set<SyncStateEntity>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.Source == source.Name && s.Ecosystem == ecosystem, cancellationToken);
        var full = state?.LastModifiedSeen is null || state.BaseUrl != source.Location;
        var kind = full ? SyncKind.Full : SyncKind.Incremental;
        try
        {
            using var bucket = OsvBuckets.Open(source.Location, _options, time);
            var run = new SyncRun(db, bucket, source, ecosystem, _options, time, progress);
            var result = full
                ? await new FullSync(run).ExecuteAsync(cancellationToken)
                : await new IncrementalSync(run, state!).ExecuteAsync(cancellationToken);
            return result;
        }
        catch (Exception exception) when (exception is SyncFailedException or BucketTransientException
            or HttpRequestException or IOException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var error = exception is SyncFailedException or BucketTransientException
                ? exception.Message
                : $"{source.Location}: {exception.Message}";
            await RecordFailureAsync(source, ecosystem, error, cancellationToken);
            return new SyncRunResult(source.Name, ecosystem, kind, MirrorOutcome.None, [], error);
        }
    }

    /// <summary>After a failed run (rolled back): the error and the time, the watermark untouched.</summary>
    private async Task RecordFailureAsync(
        SyncSource source, string ecosystem, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var state = await db.Set<SyncStateEntity>()
            .SingleOrDefaultAsync(s => s.Source == source.Name && s.Ecosystem == ecosystem, cancellationToken);
        if (state is null)
        {
            state = new SyncStateEntity { Source = source.Name, Ecosystem = ecosystem, BaseUrl = source.Location };
            db.Add(state);
        }
        state.LastRunAt = time.GetUtcNow();
        state.Added = state.Updated = state.Removed = state.Skipped = 0;
        state.Error = SyncRun.Clip(error);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
