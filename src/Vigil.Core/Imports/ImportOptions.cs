namespace Vigil.Core.Imports;

/// <summary>
/// Tuning and safety limits for an import. The defaults fit osv.dev's whole-database <c>all.zip</c>
/// (about a million entries, each well under a megabyte) while bounding what a hostile zip can make us read.
/// </summary>
public sealed record ImportOptions
{
    public static ImportOptions Default { get; } = new();

    /// <summary>Advisories per <c>UpsertAdvisories</c> call, i.e. per transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>A zip with more entries than this is refused as a whole (its central directory is read
    /// first).</summary>
    public int MaxZipEntries { get; init; } = 2_000_000;

    /// <summary>Bytes one zip entry may decompress to; counted while reading, so a lying header does not
    /// help.</summary>
    public long MaxZipEntryBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Bytes all entries of one zip may decompress to together; reading stops there.</summary>
    public long MaxZipTotalBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Largest single JSON file read from a directory.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;
}
