namespace Vigil.Core.Imports;

/// <summary>One record (or a whole input) that was not imported, and why. <see cref="File"/> names the exact file, zip
/// entry or index entry.</summary>
public sealed record ImportProblem(string File, string Reason)
{
    public override string ToString() => $"{File}: {Reason}";
}

/// <summary>How far an import is: <see cref="Done"/> of <see cref="Total"/> records read (stored or
/// reported).</summary>
public sealed record ImportProgress(int Done, int Total, string? CurrentPath);

/// <summary>
/// How far a download is: <paramref name="Bytes"/> so far of <paramref name="TotalBytes"/> (null: not announced).
/// </summary>
public sealed record DownloadProgress(long Bytes, long? TotalBytes);

/// <summary>What one input path (a file, a directory, a zip) contributed.</summary>
public sealed record ImportPathResult(
    string Path,
    string? Importer,
    int Added,
    int Updated,
    int Unchanged,
    IReadOnlyList<ImportProblem> Problems)
{
    public int Imported => Added + Updated + Unchanged;
}

/// <summary>The outcome of <see cref="ImportAdvisories"/>: one result per input path, in the order given.</summary>
public sealed record ImportSummary(IReadOnlyList<ImportPathResult> Paths)
{
    public int Added => Paths.Sum(p => p.Added);
    public int Updated => Paths.Sum(p => p.Updated);
    public int Unchanged => Paths.Sum(p => p.Unchanged);
    public IReadOnlyList<ImportProblem> Problems => Paths.SelectMany(p => p.Problems).ToList();
}
