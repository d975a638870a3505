using System.Globalization;
using System.IO.Compression;
using System.Text;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Bench.AuditData;

/// <summary>
/// Writes the sync benchmark's source: an OSV bucket for npm twice, <c>v1/npm</c> and <c>v2/npm</c>
/// (<c>all.zip</c> + <c>modified_id.csv</c>, newest first). v2 is v1 with the first <c>changed</c> records
/// modified later (and their summary changed), for an incremental sync. Single records are served out of
/// the zip by bench/sync/serve_bucket.py, so no directory of 220,000 files is written. The records are
/// <see cref="AdvisoryGenerator.CreateForBucket"/>'s: one or two aliases, one to six affected packages.
/// </summary>
internal static class BucketWriter
{
    public static void Write(string outDir, int count, int changed, int seed)
    {
        WriteVersion(Path.Combine(outDir, "v1", "npm"), count, 0, seed);
        WriteVersion(Path.Combine(outDir, "v2", "npm"), count, changed, seed);
    }

    private static void WriteVersion(string directory, int count, int changed, int seed)
    {
        Directory.CreateDirectory(directory);
        // The same seeds as the audit data: v1 and v2 generate the same records, then v2 changes some.
        var generator = new AdvisoryGenerator(new Random(seed + 1), new PackageNames(new Random(seed), 30_000));
        var published = new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var listing = new List<(DateTimeOffset Modified, string Id)>(count);
        using (var zip = ZipFile.Open(Path.Combine(directory, "all.zip"), ZipArchiveMode.Create))
        {
            for (var i = 1; i <= count; i++)
            {
                var vulnerability = generator.CreateForBucket(i, published.AddMinutes(i * 37L));
                if (i <= changed)
                {
                    vulnerability.Modified = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i);
                    vulnerability.Summary += " (updated)";
                }
                listing.Add((vulnerability.Modified, vulnerability.Id));
                using var stream = zip.CreateEntry(vulnerability.Id + ".json", CompressionLevel.Fastest).Open();
                stream.Write(Encoding.UTF8.GetBytes(OsvJson.Serialize(vulnerability)));
            }
        }
        var csv = new StringBuilder();
        foreach (var (modified, id) in listing.OrderByDescending(l => l.Modified))
        {
            csv.Append(OsvJson.Format(modified)).Append(',').Append(id).Append('\n');
        }
        File.WriteAllText(Path.Combine(directory, "modified_id.csv"), csv.ToString());
    }
}
