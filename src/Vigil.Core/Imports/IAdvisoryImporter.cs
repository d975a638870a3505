using Vigil.Core.Advisories;

namespace Vigil.Core.Imports;

/// <summary>
/// One source format. <see cref="CanImport"/> looks at a path cheaply (names, layout, first bytes);
/// <see cref="Open"/> lists what is there so the total is known before anything is read.
/// </summary>
public interface IAdvisoryImporter
{
    /// <summary>Short name shown to users, e.g. "osv" or "nswg".</summary>
    string Name { get; }

    bool CanImport(string path);

    IImportSource Open(string path, ImportOptions options);
}

/// <summary>An opened input: a known number of records, read lazily one by one.</summary>
public interface IImportSource : IDisposable
{
    /// <summary>Records <see cref="Read"/> will yield (for progress); problems about the input as a whole are
    /// extra.</summary>
    int Total { get; }

    IEnumerable<ImportRecord> Read(CancellationToken cancellationToken);
}

/// <summary>
/// One record read from an input: either a fully validated advisory ready to store, or the reason it
/// cannot be. Records are validated completely before they reach the database, so a bad one never
/// leaves part of itself behind.
/// </summary>
public sealed record ImportRecord(string File, AdvisoryToStore? Advisory, string? Problem)
{
    public static ImportRecord Ok(string file, AdvisoryToStore advisory) => new(file, advisory, null);

    public static ImportRecord Failed(string file, string reason) => new(file, null, reason);
}
