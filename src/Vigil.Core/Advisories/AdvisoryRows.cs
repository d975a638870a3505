using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Advisories;

/// <summary>Derives the stored, queryable columns of an advisory from its OSV document.</summary>
internal static class AdvisoryRows
{
    public static void Apply(AdvisoryEntity entity, OsvVulnerability vulnerability, string document)
    {
        entity.Modified = vulnerability.Modified;
        entity.Published = vulnerability.Published;
        entity.Withdrawn = vulnerability.Withdrawn;
        entity.Summary = Truncate(vulnerability.Summary, 2000);
        entity.Document = document;
        var severity = SeverityResolver.Resolve(vulnerability);
        entity.Severity = severity.Severity;
        entity.CvssScore = severity.Score;
        entity.CvssVector = severity.Vector;
        entity.Aliases = (vulnerability.Aliases ?? [])
            .Where(alias => !string.IsNullOrWhiteSpace(alias) && alias != vulnerability.Id)
            .Distinct(StringComparer.Ordinal)
            .Select(alias => new AdvisoryAliasEntity { Alias = alias })
            .ToList();
        entity.Affected = (vulnerability.Affected ?? [])
            .Select((affected, index) => AffectedRow(affected, index))
            .ToList();
        var cwes = AdvisorySearchText.CweIdsOf(vulnerability);
        entity.Cwes = cwes.Select(id => new AdvisoryCweEntity { CweId = id }).ToList();
        entity.Details = vulnerability.Details;
        entity.SearchKeywords = AdvisorySearchText.Keywords(vulnerability, cwes);
    }

    /// <summary>
    /// An advisory with every row <see cref="Apply"/> replaces, for a write to an existing one: a child
    /// collection left unloaded would keep its old rows next to the new ones.
    /// </summary>
    public static IQueryable<AdvisoryEntity> WithRows(this IQueryable<AdvisoryEntity> advisories) =>
        advisories.Include(a => a.Aliases).Include(a => a.Affected).Include(a => a.Cwes);

    private static AffectedPackageEntity AffectedRow(OsvAffected affected, int index) => new()
    {
        Index = index,
        Ecosystem = affected.Package.Ecosystem,
        Name = affected.Package.Name,
        NpmRange = IsNpm(affected.Package.Ecosystem) ? AffectedRanges.ToNpmRange(affected) : null,
        FixedVersion = Truncate(AffectedRanges.FirstFixed(affected), 300),
        AffectedJson = JsonSerializer.Serialize(affected, OsvJson.Options),
    };

    public static bool IsNpm(string ecosystem) => ecosystem == "npm";

    internal static string? StringProperty(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var node) && node is JsonValue value
            && value.TryGetValue<string>(out var text) ? text : null;

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
