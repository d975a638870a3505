using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Bench.Semver;

/// <summary>
/// The (range, version) pairs both sides measure: the 386 GENERATED npm-audit pairs from
/// shared/specs (when present) plus a deterministic advisory-style set: real-world
/// <c>vulnerable_versions</c> shapes × registry-like versions, prereleases included.
/// </summary>
internal static class PairSet
{
    private static readonly string[] AdvisoryRanges =
    [
        "<0.2.4", ">=1.0.0 <1.2.6", "<0.2.1 || >=1.0.0 <1.2.3", "<=2.88.2", "<4.17.21", ">=4.0.0 <4.17.12",
        "<1.0.0-beta.3", ">=2.0.0 <2.3.1 || >=3.0.0 <3.1.2", "^1.2.3", "~4.17.0", ">=0.0.0 <0.5.2", "<  2.0.5",
        "<= 2.6.8 || >= 3.0.0 <= 3.0.1", ">=1.3.0 <1.3.6 || >=1.4.0 <1.4.2", "*", "<3.0.0",
        ">=7.0.0 <7.5.2 || >=6.0.0 <6.3.1 || <5.7.2", ">= 2.1.1-0 < 3.0.0", "1.2.x || 2.x", "<=1.5.1",
        ">=5.0.0-alpha.1 <5.0.0", "<8.5.1 || >=9.0.0 <9.2.1", "0.0.1 - 0.5.0", ">=2.0.0-rc.1 <2.0.0",
    ];

    private static readonly string[] Versions =
    [
        "0.0.8", "0.2.0", "0.2.4", "0.5.1", "1.0.0", "1.2.0", "1.2.3", "1.2.5", "1.2.6", "1.2.8", "1.3.5", "1.5.1",
        "2.0.0-rc.1", "2.0.0", "2.3.0", "2.6.8", "2.88.2", "3.0.0-beta.2", "3.0.1", "3.1.1", "4.17.11", "4.17.20",
        "4.17.21", "5.0.0-alpha.3", "5.7.1", "6.2.0", "7.5.1", "8.5.0", "9.2.0", "10.0.0", "1.0.0-beta.2",
        "1.2.3-beta.1", "0.1.97", "v1.2.3", "1.2.3beta",
    ];

    public static List<(string Range, string Version)> Build(string? generatedJson)
    {
        var pairs = new List<(string, string)>();
        if (generatedJson is not null && File.Exists(generatedJson))
        {
            foreach (var row in JsonNode.Parse(File.ReadAllText(generatedJson))!["rows"]!.AsArray())
            {
                // One exclude row passes `false` as the version: not a (range, version) string pair.
                if (row!["range"] is JsonValue r && row["version"] is JsonValue v
                    && r.GetValueKind() == JsonValueKind.String && v.GetValueKind() == JsonValueKind.String)
                {
                    pairs.Add((r.GetValue<string>(), v.GetValue<string>()));
                }
            }
        }

        foreach (var range in AdvisoryRanges)
        {
            pairs.AddRange(Versions.Select(v => (range, v)));
        }

        return pairs;
    }

    public static void Write(string path, List<(string Range, string Version)> pairs) =>
        File.WriteAllText(path, JsonSerializer.Serialize(pairs.Select(p => new[] { p.Range, p.Version })));

    public static List<(string Range, string Version)> Read(string path) =>
        JsonSerializer.Deserialize<string[][]>(File.ReadAllText(path))!.Select(p => (p[0], p[1])).ToList();
}
