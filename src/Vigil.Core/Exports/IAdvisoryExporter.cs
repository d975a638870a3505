using Vigil.Core.Advisories;

namespace Vigil.Core.Exports;

/// <summary>One output format. Gets every stored advisory once, in id order, and writes under a directory.</summary>
public interface IAdvisoryExporter
{
    /// <summary>The name users type: <c>vigil export &lt;format&gt; DIR</c>.</summary>
    string Format { get; }

    Task<ExportSummary> ExportAsync(
        IAsyncEnumerable<StoredAdvisory> advisories,
        int total,
        string directory,
        IProgress<ExportProgress>? progress,
        CancellationToken cancellationToken);
}
