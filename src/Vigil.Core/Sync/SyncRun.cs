using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Sync;

/// <summary>What a full or an incremental run share: the bucket, the store, the problems, the final state
/// write.</summary>
internal sealed class SyncRun(
    VigilDbContext db, IOsvBucket bucket, SyncSource source, string ecosystem, SyncOptions options, TimeProvider time,
    IProgress<SyncProgress>? progress)
{
    public VigilDbContext Db => db;
    public IOsvBucket Bucket => bucket;
    public SyncSource Source => source;
    public string Ecosystem => ecosystem;
    public SyncOptions Options => options;
    public TimeProvider Time => time;
    public IProgress<SyncProgress>? Progress => progress;
    public MirrorStore Store { get; } = new(db, source.Name, time);
    public List<SyncProblem> Problems { get; } = [];

    public string PathOf(string file) => OsvBuckets.EcosystemPath(ecosystem, file);

    public string Where(string file) => bucket.Describe(PathOf(file));

    /// <summary>Writes the state of a successful run; the caller commits it with the run's records.</summary>
    public async Task SaveStateAsync(
        DateTimeOffset? watermark, BucketValidators? csv, MirrorOutcome outcome, CancellationToken cancellationToken)
    {
        var state = await db.Set<SyncStateEntity>()
            .SingleOrDefaultAsync(s => s.Source == source.Name && s.Ecosystem == ecosystem, cancellationToken);
        if (state is null)
        {
            state = new SyncStateEntity { Source = source.Name, Ecosystem = ecosystem, BaseUrl = source.Location };
            db.Add(state);
        }
        var now = time.GetUtcNow();
        state.BaseUrl = source.Location;
        state.LastModifiedSeen = watermark ?? state.LastModifiedSeen;
        state.ETag = csv?.ETag;
        state.LastModifiedHeader = csv?.LastModified;
        state.LastRunAt = now;
        state.LastSuccessAt = now;
        state.Added = outcome.Added;
        state.Updated = outcome.Updated;
        state.Removed = outcome.Removed;
        state.Skipped = outcome.Kept + Problems.Count;
        state.Error = Problems.Count == 0
            ? null
            : Clip($"{Problems.Count} record(s) skipped: " + string.Join("; ", Problems.Take(20)));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public SyncRunResult Result(SyncKind kind, MirrorOutcome outcome) =>
        new(source.Name, ecosystem, kind, outcome, Problems, null);

    /// <summary>Marks a fetched record as this source's.</summary>
    public AdvisoryToStore Mirrored(AdvisoryToStore advisory) => advisory with { Origin = source.Name };

    public static string Clip(string text) => text.Length <= 8000 ? text : text[..7999] + "…";
}
