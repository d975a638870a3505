using System.Text.Json.Nodes;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Osv;

namespace Vigil.Versioning.Tests.Support;

/// <summary>Maps OSV JSON onto our plain input types, as the Core layer does with its model.</summary>
public static class OsvJson
{
    public static IEnumerable<OsvAffected> Affected(JsonNode osv) =>
        osv["affected"]!.AsArray().Select(a => new OsvAffected(
            a!["package"]!["ecosystem"]!.GetValue<string>(),
            (a["ranges"]?.AsArray() ?? []).Select(r => new OsvRange(
                r!["type"]!.GetValue<string>(),
                r["events"]!.AsArray().Select(e => Event(e!.AsObject())).ToList())).ToList(),
            (a["versions"]?.AsArray() ?? []).Select(v => v!.GetValue<string>()).ToList()));

    private static OsvEvent Event(JsonObject e)
    {
        var (key, value) = e.Single();
        var version = value!.GetValue<string>();
        return key switch
        {
            "introduced" => OsvEvent.Introduced(version),
            "fixed" => OsvEvent.Fixed(version),
            "last_affected" => OsvEvent.LastAffected(version),
            _ => OsvEvent.Limit(version),
        };
    }

    /// <summary>Versions around every bound: the bound, its neighbours and prereleases of both.</summary>
    public static IEnumerable<string> Probes(IEnumerable<string> bounds)
    {
        yield return "0.0.0";
        yield return "0.0.1-0";
        yield return "999.0.0";
        foreach (var bound in bounds)
        {
            if (!NpmVersion.TryParse(bound, NpmSemverOptions.NpmAudit, out var v))
            {
                continue;
            }

            yield return v.ToString();
            yield return $"{v.Major}.{v.Minor}.{v.Patch}";
            yield return $"{v.Major}.{v.Minor}.{v.Patch}-rc.1";
            yield return $"{v.Major}.{v.Minor}.{v.Patch + 1}";
            yield return $"{v.Major}.{v.Minor}.{v.Patch + 1}-0";
            yield return $"{v.Major}.{v.Minor + 1}.0";
            if (v.Patch > 0)
            {
                yield return $"{v.Major}.{v.Minor}.{v.Patch - 1}";
            }
        }
    }
}
