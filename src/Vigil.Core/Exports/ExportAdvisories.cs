using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Exports;

/// <summary>
/// Writes every stored advisory in one format under a directory (<c>vigil export osv|nswg DIR</c>).
/// Files of the same name are replaced; other files in the directory are left alone, so export into
/// an empty directory to get exactly the database.
/// </summary>
public sealed class ExportAdvisories(VigilDbContext db, ListAdvisories list)
{
    public async Task<ExportSummary> ExecuteAsync(
        string format,
        string directory,
        IProgress<ExportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var exporter = AdvisoryExporters.Find(format)
            ?? throw new ArgumentException(
                $"Unknown export format '{format}'; known formats: "
                + $"{string.Join(", ", AdvisoryExporters.All.Select(e => e.Format))}.",
                nameof(format));
        var total = await db.Advisories.CountAsync(cancellationToken);
        Directory.CreateDirectory(directory);
        return await exporter.ExportAsync(
            list.ExecuteAsync(null, cancellationToken), total, directory, progress,
            cancellationToken);
    }
}
