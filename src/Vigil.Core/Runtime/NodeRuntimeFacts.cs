using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.NodejsWg;

namespace Vigil.Core.Runtime;

/// <summary>
/// A Node.js core advisory's runtime ranges as the WG wrote them (<c>database_specific.nodejs_runtime</c>):
/// the node-semver ranges of vulnerable and patched releases and the platforms affected (<c>all</c>,
/// <c>win32</c>, …). Null for an advisory that is not about the runtime.
/// </summary>
public sealed record NodeRuntimeFacts(string Vulnerable, string? Patched, IReadOnlyList<string> Environments)
{
    public static NodeRuntimeFacts? From(OsvVulnerability vulnerability)
    {
        if (vulnerability.DatabaseSpecific?[NswgFormat.Runtime] is not JsonObject runtime
            || Text(runtime[NswgFormat.RuntimeVulnerable]) is not { } vulnerable)
        {
            return null;
        }
        var environments = runtime[NswgFormat.RuntimeEnvironments] is JsonArray list
            ? list.Select(Text).OfType<string>().ToList()
            : [];
        return new NodeRuntimeFacts(
            vulnerable.Trim(), Text(runtime[NswgFormat.RuntimePatched])?.Trim(),
            environments.Count > 0 ? environments : ["all"]);
    }

    /// <summary>is-my-node-vulnerable's platform test: "all", or the platform named.</summary>
    public bool AffectsPlatform(string platform) => Environments.Contains("all") || Environments.Contains(platform);

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
