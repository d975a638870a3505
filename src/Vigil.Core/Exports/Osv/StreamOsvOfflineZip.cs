using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Exports.Osv;

/// <summary>
/// The offline database that Renovate's <c>@renovatebot/osv-offline</c> downloads from
/// <c>OSV_OFFLINE_DATABASE_URL</c> (docs/api.md): one zip holding <c>&lt;ecosystem&gt;.nedb</c> per ecosystem it
/// reads (its name lower-cased: <c>npm.nedb</c>, <c>nuget.nedb</c>, …), each one OSV document per line
/// (UTF-8, <c>\n</c>, no BOM: the client indexes lines by byte offset). An advisory is in every file of an
/// ecosystem it names a package in (<c>npm:suffix</c> counts as npm, as the client matches); withdrawn
/// advisories are left out. Streamed like <see cref="StreamOsvBulkZip"/>.
/// </summary>
public sealed class StreamOsvOfflineZip(VigilDbContext db)
{
    /// <summary>The ecosystems osv-offline reads (its <c>ecosystems</c> list), each a file of the zip.</summary>
    public static readonly IReadOnlyList<string> Ecosystems =
        ["crates.io", "Go", "Hackage", "Hex", "Maven", "npm", "NuGet", "Packagist", "Pub", "PyPI", "RubyGems"];

    private const int DrainEvery = 200;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <returns>Lines written, over all files.</returns>
    public async Task<int> ExecuteAsync(
        Stream output, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var buffer = new EntryBuffer(output);
        var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true);
        var lines = 0;
        foreach (var ecosystem in Ecosystems)
        {
            var prefix = ecosystem + ":";
            var documents = db.Advisories.AsNoTracking()
                .Where(a => a.Withdrawn == null && db.AffectedPackages.Any(p => p.AdvisoryNumber == a.Number
                    && (p.Ecosystem == ecosystem || p.Ecosystem.StartsWith(prefix))))
                .OrderBy(a => a.Id)
                .Select(a => a.Document);
            var entry = zip.CreateEntry(ecosystem.ToLowerInvariant() + ".nedb", CompressionLevel.Fastest);
            entry.LastWriteTime = now;
            await using (var stream = entry.Open())
            {
                var inEntry = 0;
                await foreach (var document in documents.AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    stream.Write(Utf8.GetBytes(OsvJson.Serialize(OsvPurls.Read(document)) + "\n"));
                    lines++;
                    if (++inEntry % DrainEvery == 0)
                    {
                        await buffer.DrainAsync(cancellationToken);
                    }
                }
            }
            await buffer.DrainAsync(cancellationToken);
        }
        zip.Dispose(); // writes the central directory into the buffer
        await buffer.DrainAsync(cancellationToken);
        return lines;
    }
}
