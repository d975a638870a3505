using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Vigil.Core.Compat;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Each advisory of npm's bulk answer rendered once as UTF-8 JSON and reused: a 1,000-package request
/// can carry thousands of advisories, and serializing them afresh each time was most of its cost
/// (docs/performance.md, benchmark c). An entry is reused only while its advisory (a record: value
/// equality over every field) and the base URL are unchanged, so an update is rendered anew. The
/// app's own JSON options are used, so the bytes are those a typed result would have written.
/// </summary>
public sealed class BulkJsonCache(IOptions<JsonOptions> jsonOptions)
{
    /// <summary>Bounds the memory a changing database can pin; about 200 bytes per entry.</summary>
    private const int MaxEntries = 500_000;

    private readonly ConcurrentDictionary<long, Entry> _entries = new();

    public ReadOnlyMemory<byte> Render(NpmBulkAdvisory advisory, string baseUrl)
    {
        if (_entries.TryGetValue(advisory.Id, out var entry) && entry.Advisory == advisory && entry.BaseUrl == baseUrl)
        {
            return entry.Json;
        }
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(BulkAdvisory.From(advisory, baseUrl), jsonOptions.Value.SerializerOptions);
        _entries[advisory.Id] = new Entry(advisory, baseUrl, json);
        return json;
    }

    private sealed record Entry(NpmBulkAdvisory Advisory, string BaseUrl, byte[] Json);
}
