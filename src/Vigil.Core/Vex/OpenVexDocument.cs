using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Vex;

/// <summary>What one not-affected statement says, in public words only (the team published it).</summary>
/// <param name="VulnerabilityName">The CVE id, else the advisory id.</param>
/// <param name="VulnerabilityIri">Where the vulnerability is described (the advisory's page), or null.</param>
/// <param name="Products">Each package with the versions it covers; no versions: every version of the package.</param>
public sealed record VexStatementFacts(
    string VulnerabilityName, string? VulnerabilityIri, IReadOnlyList<string> Aliases,
    IReadOnlyList<(string Ecosystem, string Name, IReadOnlyList<string> Versions)> Products,
    VexJustification Justification, string ImpactStatement, DateTimeOffset Timestamp);

/// <summary>
/// An OpenVEX v0.2.0 document (https://github.com/openvex/spec, OPENVEX-SPEC.md): "@context", "@id", "author",
/// "timestamp", "version", "tooling" and one statement with the vulnerability, the products as package URLs, the status
/// <c>not_affected</c>, the justification and the impact statement. The spec asks a not-affected statement for a
/// justification or an impact statement; Vigil gives both, as the spec recommends (the machine-readable label, enriched
/// by the text).
/// </summary>
public static class OpenVexDocument
{
    public const string Context = "https://openvex.dev/ns/v0.2.0";
    public const string Tooling = "Vigil";

    public static string Build(string documentIri, string author, VexStatementFacts facts)
    {
        var vulnerability = new JsonObject();
        if (facts.VulnerabilityIri is { } iri)
        {
            vulnerability["@id"] = iri;
        }
        vulnerability["name"] = facts.VulnerabilityName;
        if (facts.Aliases.Count > 0)
        {
            var aliases = new JsonArray();
            foreach (var alias in facts.Aliases)
            {
                aliases.Add(alias);
            }
            vulnerability["aliases"] = aliases;
        }
        var products = new JsonArray();
        foreach (var purl in facts.Products.SelectMany(Purls))
        {
            products.Add(new JsonObject { ["@id"] = purl, ["identifiers"] = new JsonObject { ["purl"] = purl } });
        }
        var timestamp = Timestamp(facts.Timestamp);
        var document = new JsonObject
        {
            ["@context"] = Context,
            ["@id"] = documentIri,
            ["author"] = author,
            ["timestamp"] = timestamp,
            ["version"] = 1,
            ["tooling"] = Tooling,
            ["statements"] = new JsonArray
            {
                new JsonObject
                {
                    ["vulnerability"] = vulnerability,
                    ["timestamp"] = timestamp,
                    ["products"] = products,
                    ["status"] = "not_affected",
                    ["justification"] = facts.Justification.Name(),
                    ["impact_statement"] = facts.ImpactStatement,
                },
            },
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The package URLs of a product: one per version (<c>pkg:npm/deep-merge@1.4.0</c>), or the package
    /// without a version when the statement covers all of them.</summary>
    public static IEnumerable<string> Purls((string Ecosystem, string Name, IReadOnlyList<string> Versions) product)
    {
        var purl = PackageUrl.For(product.Ecosystem, product.Name)
            ?? throw new ArgumentException($"No package URL type for {product.Ecosystem}.");
        return product.Versions.Count == 0 ? [purl] : product.Versions.Select(v => $"{purl}@{Uri.EscapeDataString(v)}");
    }

    /// <summary>RFC 3339 in UTC, to the second, as OpenVEX examples write it.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
