namespace Vigil.Core.Sync;

/// <summary>
/// What the last runs of one sync source did for one ecosystem. The watermark (<see cref="LastModifiedSeen"/>,
/// the validators of <c>modified_id.csv</c>) moves only in the transaction that stores a run's records, so
/// a failed run leaves the last good state and the next run starts from it again.
/// </summary>
public sealed class SyncStateEntity
{
    public required string Source { get; set; }
    public required string Ecosystem { get; set; }

    /// <summary>The bucket's base URL (or directory) of the last successful run; a new one starts over with
    /// <c>all.zip</c>.</summary>
    public required string BaseUrl { get; set; }

    /// <summary>The newest <c>modified</c> stored by a successful run; null until the first one.</summary>
    public DateTimeOffset? LastModifiedSeen { get; set; }

    /// <summary>Validators of the last <c>modified_id.csv</c> read, sent back as If-None-Match /
    /// If-Modified-Since.</summary>
    public string? ETag { get; set; }
    public DateTimeOffset? LastModifiedHeader { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Counts of the last run: records stored new, changed, withdrawn (removed upstream), skipped (kept by the
    /// provenance rule or invalid).</summary>
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Removed { get; set; }
    public int Skipped { get; set; }

    /// <summary>Why the last run failed, or the problems it skipped past; null when it was clean.</summary>
    public string? Error { get; set; }
}
