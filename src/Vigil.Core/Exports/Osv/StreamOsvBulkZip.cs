using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Exports.Osv;

/// <summary>
/// Writes the bulk <c>all.zip</c> of <see cref="OsvExporter"/> (one indented <c>&lt;id&gt;.json</c> per entry at
/// its root, the same names and timestamps) straight to a stream, e.g. an HTTP response: advisories are
/// read one at a time and each entry is compressed and sent before the next is read, so memory does not
/// grow with the database. With an ecosystem, only advisories with a package in it (suffixes such as
/// <c>Debian:12</c> count as <c>Debian</c>), like osv.dev's <c>&lt;ecosystem&gt;/all.zip</c>.
/// The stored documents were schema-checked when imported, so unlike the file export this does not
/// validate each one again (that costs more than the rest of the download).
/// </summary>
public sealed class StreamOsvBulkZip(VigilDbContext db)
{
    /// <returns>How many advisories were written.</returns>
    public async Task<int> ExecuteAsync(Stream output, string? ecosystem, CancellationToken cancellationToken = default)
    {
        var query = db.Advisories.AsNoTracking();
        if (ecosystem is not null)
        {
            var prefix = ecosystem + ":";
            query = query.Where(a => db.AffectedPackages.Any(p => p.AdvisoryNumber == a.Number
                && (p.Ecosystem == ecosystem || p.Ecosystem.StartsWith(prefix))));
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var written = 0;
        var buffer = new EntryBuffer(output);
        var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true);
        await foreach (var document in query.OrderBy(a => a.Id)
            .Select(a => a.Document)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            var vulnerability = OsvPurls.Read(document);
            var name = ExportFiles.SafeFileName(vulnerability.Id) + ".json";
            if (names.Add(name))
            {
                ExportFiles.AddZipEntry(
                    zip, name, OsvJson.Serialize(vulnerability, indented: true), vulnerability.Modified);
                await buffer.DrainAsync(cancellationToken);
                written++;
            }
        }
        zip.Dispose(); // writes the central directory into the buffer
        await buffer.DrainAsync(cancellationToken);
        return written;
    }

    /// <summary>Whether any stored advisory names a package in the ecosystem (so an unknown one can answer
    /// 404).</summary>
    public Task<bool> HasEcosystemAsync(string ecosystem, CancellationToken cancellationToken = default)
    {
        var prefix = ecosystem + ":";
        return db.AffectedPackages.AnyAsync(
            p => p.Ecosystem == ecosystem || p.Ecosystem.StartsWith(prefix), cancellationToken);
    }
}
