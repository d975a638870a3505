using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Core.Matching;
using Vigil.Core.Npm;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// npm's bulk answer as parts, one per requested package with advisories: <c>"name":[advisory, …]</c> as
/// UTF-8 JSON. A part depends only on the snapshot's data, the package's requested versions and this
/// instance's base URL, so it is kept in the snapshot's <see cref="AnswerMemo"/> and a repeated package
/// costs one lookup (docs/performance.md, benchmark c). The other parts are matched together and rendered
/// from <see cref="BulkJsonCache"/>.
/// </summary>
public sealed class BulkAnswer(NpmBulkAdvisories bulk, BulkJsonCache cache)
{
    /// <returns>Per requested package in request order, its part; empty for a package without advisories.</returns>
    public async Task<byte[][]> PartsAsync(
        IReadOnlyDictionary<string, IReadOnlyList<string>> request, string baseUrl, CancellationToken cancellationToken)
    {
        var snapshot = await bulk.SnapshotAsync(cancellationToken);
        var memo = AnswerMemo.Of(snapshot);
        var parts = new byte[request.Count][];
        var keys = memo.Enabled ? new string[request.Count] : null;
        List<int>? missing = null;
        List<KeyValuePair<string, IReadOnlyList<string>>>? packages = null;
        var i = 0;
        foreach (var package in request)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (keys is not null && memo.TryGet(keys[i] = Key(baseUrl, package.Key, package.Value), out var part))
            {
                parts[i] = part;
            }
            else
            {
                (missing ??= []).Add(i);
                (packages ??= []).Add(package);
            }
            i++;
        }
        if (missing is null)
        {
            return parts;
        }
        var matches = NpmBulkAdvisories.Match(snapshot, packages!);
        var cwe = await bulk.CweAsync(snapshot, Unrendered(matches, baseUrl), cancellationToken);
        // One buffer and writer for every part of the request, reset in between.
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        for (var m = 0; m < missing.Count; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var part = Render(writer, buffer, packages![m].Key, matches[m], baseUrl, cwe);
            parts[missing[m]] = part;
            if (keys is not null)
            {
                memo.Add(keys[missing[m]], part);
            }
        }
        return parts;
    }

    private byte[] Render(
        Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, string name, List<AffectingMatch> matches,
            string baseUrl,
        IReadOnlyDictionary<long, IReadOnlyList<string>> cwe)
    {
        if (matches.Count == 0)
        {
            return [];
        }
        buffer.ResetWrittenCount();
        writer.Reset();
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var match in matches)
        {
            writer.WriteRawValue(cache.Render(match, baseUrl, cwe), skipInputValidation: true);
        }
        writer.WriteEndArray();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    // CWE ids are needed only to render an advisory not yet rendered for this base URL.
    private static List<long> Unrendered(List<AffectingMatch>[] matches, string baseUrl)
    {
        var numbers = new List<long>();
        foreach (var list in matches)
        {
            foreach (var match in list)
            {
                if (!BulkJsonCache.IsRendered(match, baseUrl))
                {
                    numbers.Add(match.AdvisoryNumber);
                }
            }
        }
        return numbers;
    }

    /// <summary>Length-prefixed, so no two different (base URL, name, versions) give the same key.</summary>
    private static string Key(string baseUrl, string name, IReadOnlyList<string> versions)
    {
        var key = new StringBuilder(baseUrl.Length + name.Length + 16 * versions.Count + 16);
        Append(key, baseUrl);
        Append(key, name);
        foreach (var version in versions)
        {
            Append(key, version);
        }
        return key.ToString();

        static void Append(StringBuilder key, string text) => key.Append(text.Length).Append(':').Append(text);
    }
}
