using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Vigil.Core.Tests.Sync;

/// <summary>
/// A generated OSV bucket for one ecosystem, kept in memory: records are added or changed, then
/// <see cref="Publish"/> writes <c>all.zip</c>, <c>modified_id.csv</c> (newest first) and one
/// <c>{ID}.json</c> per record, as osv.dev lays out its bucket. Files can also be overwritten by hand
/// to make the bucket lie.
/// </summary>
internal sealed class TestBucket(string ecosystem = "npm")
{
    private readonly Dictionary<string, (DateTimeOffset Modified, string Json)> _records = new(StringComparer.Ordinal);

    public string Ecosystem => ecosystem;

    /// <summary>Relative path ("npm/all.zip") → bytes, as served.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public static DateTimeOffset Day(int n) => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(n);

    public TestBucket Put(string id, DateTimeOffset modified, string package = "left-pad", string? summary = null,
        string? withdrawn = null)
    {
        _records[id] = (modified, Record(id, modified, ecosystem, package, summary ?? $"Advisory {id}", withdrawn));
        return this;
    }

    public TestBucket PutRaw(string id, DateTimeOffset modified, string json)
    {
        _records[id] = (modified, json);
        return this;
    }

    public TestBucket Remove(string id)
    {
        _records.Remove(id);
        return this;
    }

    public TestBucket Publish()
    {
        Files.Clear();
        using (var buffer = new MemoryStream())
        {
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (id, record) in _records)
                {
                    using var stream = zip.CreateEntry(id + ".json", CompressionLevel.Fastest).Open();
                    stream.Write(Encoding.UTF8.GetBytes(record.Json));
                }
            }
            Files[$"{ecosystem}/all.zip"] = buffer.ToArray();
        }
        var csv = new StringBuilder();
        foreach (var (id, record) in _records.OrderByDescending(r => r.Value.Modified))
        {
            csv.Append(record.Modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Append(',').Append(id).Append('\n');
        }
        Files[$"{ecosystem}/modified_id.csv"] = Encoding.UTF8.GetBytes(csv.ToString());
        foreach (var (id, record) in _records)
        {
            Files[$"{ecosystem}/{id}.json"] = Encoding.UTF8.GetBytes(record.Json);
        }
        return this;
    }

    /// <summary>Writes the published files under <paramref name="directory"/> (a bucket copied to disk).</summary>
    public void WriteTo(string directory)
    {
        foreach (var (path, bytes) in Files)
        {
            var file = Path.Combine(directory, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, bytes);
        }
    }

    public static string Record(string id, DateTimeOffset modified, string ecosystem, string package, string summary,
        string? withdrawn = null) => $$"""
        {
          "schema_version": "1.7.5",
          "id": "{{id}}",
          "modified": "{{modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}",
          "published": "2023-06-01T00:00:00Z",{{(withdrawn is null ? "" : $"\n  \"withdrawn\": \"{withdrawn}\",")}}
          "summary": "{{summary}}",
          "affected": [{"package": {"ecosystem": "{{ecosystem}}", "name": "{{package}}"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.3"}]}]}]
        }
        """;
}
