namespace Vigil.Core.Sync;

/// <summary>Retries, limits and batch size of a sync run (docs/sync.md, faults).</summary>
public sealed record SyncOptions
{
    public static SyncOptions Default { get; } = new();

    /// <summary>Retries of one request after a dropped connection, a timeout, a 408/429/5xx or a corrupt
    /// download.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First backoff delay; it doubles with each retry (with jitter).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one request may take before it counts as dropped.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest <c>all.zip</c> downloaded; a bigger one fails the run.</summary>
    public long MaxZipBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Largest <c>modified_id.csv</c> or record file read.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Advisories written per batch (all batches of a run share its one transaction).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>
    /// A run that would withdraw more than this share of the source's records in an ecosystem (and more than
    /// <see cref="MinRemovalGuard"/> of them) fails instead: a truncated listing must not look like mass removal.
    /// </summary>
    public double MaxRemovedShare { get; init; } = 0.2;

    public int MinRemovalGuard { get; init; } = 50;
}
