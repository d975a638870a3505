using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Vigil.Core.Matching;
using Vigil.Core.Npm;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Each advisory of npm's bulk answer rendered once as UTF-8 JSON and kept on its match
/// (<see cref="MatchRenderings.NpmBulk"/>): a 1,000-package request can carry thousands of advisories, and
/// serializing them afresh each time was most of its cost (docs/performance.md, benchmark c). A match
/// belongs to one index snapshot, and any advisory change makes a new snapshot, so a rendering is reused
/// only while its advisory is unchanged, and only for the base URL it names. The app's own JSON options
/// are used, so the bytes are those a typed result would have written.
/// </summary>
public sealed class BulkJsonCache(IOptions<JsonOptions> jsonOptions)
{
    public static bool IsRendered(AffectingMatch match, string baseUrl) => Kept(match, baseUrl) is not null;

    /// <param name="cwe">The CWE ids of every advisory not yet rendered for <paramref name="baseUrl"/>.</param>
    public byte[] Render(AffectingMatch match, string baseUrl, IReadOnlyDictionary<long, IReadOnlyList<string>> cwe) =>
        Kept(match, baseUrl) ?? RenderNew(match, baseUrl, cwe);

    private static byte[]? Kept(AffectingMatch match, string baseUrl) =>
        MatchRenderings.Of(match).NpmBulk is { } rendering && rendering.BaseUrl == baseUrl ? rendering.Json : null;

    private byte[] RenderNew(AffectingMatch match, string baseUrl, IReadOnlyDictionary<long, IReadOnlyList<string>> cwe)
    {
        var advisory = NpmBulkAdvisories.ToBulk(match, cwe.GetValueOrDefault(match.AdvisoryNumber) ?? []);
        var json =
            JsonSerializer.SerializeToUtf8Bytes(BulkAdvisory.From(advisory, baseUrl),
                jsonOptions.Value.SerializerOptions);
        MatchRenderings.Of(match).NpmBulk = new UrlRendering(baseUrl, json);
        return json;
    }
}
