namespace Vigil.Core.Sync;

/// <summary>A configured source: its name (the advisories' origin) and where its bucket is.</summary>
public sealed record SyncSource(string Name, string Location);

public enum SyncKind
{
    /// <summary>The first run (or a new location): everything from <c>all.zip</c>.</summary>
    Full,

    /// <summary>Records modified since the last successful run, from <c>modified_id.csv</c>.</summary>
    Incremental,

    /// <summary><c>modified_id.csv</c> had not changed (304, or the same file on disk).</summary>
    NotModified,
}

/// <summary>How far a run is: a download (<see cref="Bytes"/> of <see cref="TotalBytes"/>) or records
/// (<see cref="Records"/> of <see cref="TotalRecords"/>).</summary>
public sealed record SyncProgress(string Step, long Bytes, long? TotalBytes, int Records, int TotalRecords);

/// <summary>A record that was skipped (it fails validation); the rest of the run still landed.</summary>
public sealed record SyncProblem(string Where, string Reason)
{
    public override string ToString() => $"{Where}: {Reason}";
}

/// <summary>One run for one (source, ecosystem). <see cref="Error"/> set: nothing of this run was stored.</summary>
public sealed record SyncRunResult(
    string Source,
    string Ecosystem,
    SyncKind Kind,
    MirrorOutcome Outcome,
    IReadOnlyList<SyncProblem> Problems,
    string? Error)
{
    public bool Succeeded => Error is null;
}
