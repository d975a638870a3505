using System.Text.RegularExpressions;

namespace Vigil.Core.Cve;

/// <summary>
/// What a CVE JSON 5 record needs beyond the advisory itself: the CVE id and the CNA that assigns it.
/// <paramref name="CollectionUrls"/> maps an OSV ecosystem (e.g. <c>npm</c>) to its registry's URL, written
/// as <c>collectionURL</c> — Vigil has no built-in registry address, so it is configured per program.
/// </summary>
public sealed partial record CveRecordRequest(
    string CveId,
    Guid AssignerOrgId,
    string? AssignerShortName = null,
    IReadOnlyDictionary<string, string>? CollectionUrls = null,
    string Vendor = CveRecordRequest.UnknownVendor)
{
    /// <summary>MITRE's convention for an unknown vendor; a package registry has no vendor.</summary>
    public const string UnknownVendor = "n/a";

    /// <summary>CVE JSON 5 <c>cveId</c> pattern: <c>^CVE-[0-9]{4}-[0-9]{4,19}$</c>.</summary>
    public static bool IsCveId(string? value) => value is not null && CveIdPattern().IsMatch(value);

    [GeneratedRegex("^CVE-[0-9]{4}-[0-9]{4,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex CveIdPattern();
}
