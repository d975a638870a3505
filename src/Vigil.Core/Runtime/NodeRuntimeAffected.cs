using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Runtime;

/// <summary>
/// The OSV <c>affected</c> entry of a Node.js core advisory: the runtime (<see cref="NodeRuntime"/>) with one
/// <c>SEMVER</c> range holding the versions the WG's <c>vulnerable</c> range admits and its <c>patched</c>
/// range does not, the test of the WG's own <c>is-my-node-vulnerable</c>
/// (<c>satisfies(v, vulnerable) &amp;&amp; !satisfies(v, patched)</c>). Both ranges are read as node-semver
/// reads them by default. A bound that node-semver writes as <c>X.Y.Z-0</c> (the end of a release line,
/// e.g. <c>8.x</c> → <c>&lt;9.0.0-0</c>) is written <c>X.Y.Z</c>: the same set of releases, and what clients
/// show as the fixing version reads as a release.
/// </summary>
public static class NodeRuntimeAffected
{
    /// <summary>Null when no version is left vulnerable (then there is nothing to match).</summary>
    public static OsvAffected? Create(NpmRange vulnerable, NpmRange? patched, IReadOnlyList<string>? environments)
    {
        var intervals = SemverIntervals.Of(vulnerable);
        if (patched is not null)
        {
            intervals = SemverIntervals.Minus(intervals, SemverIntervals.Of(patched));
        }
        if (intervals.Count == 0)
        {
            return null;
        }
        var events = new List<OsvEventModel>();
        foreach (var interval in intervals)
        {
            events.Add(new OsvEventModel
            {
                Introduced = interval.Lower == SemverIntervals.Minimum ? "0" : Release(interval.Lower),
            });
            if (interval.Upper is { } upper)
            {
                events.Add(new OsvEventModel { Fixed = Release(upper) });
            }
        }
        return new OsvAffected
        {
            Package = new OsvPackage
            {
                Ecosystem = NodeRuntime.Ecosystem,
                Name = NodeRuntime.Name,
                Purl = NodeRuntime.Purl,
            },
            Ranges = [new OsvRangeModel { Type = "SEMVER", Events = events }],
            EcosystemSpecific = environments is null ? null
                : new JsonObject
                {
                    [NodeRuntime.EnvironmentsKey] = new JsonArray(environments.Select(e => (JsonNode?)e).ToArray()),
                },
        };
    }

    private static string Release(NpmVersion version) =>
        version.Prerelease is [{ IsNumeric: true, NumericValue: 0 }]
            ? $"{version.Major}.{version.Minor}.{version.Patch}"
            : version.ToString();
}
