using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Advisories;

/// <summary>
/// What the full-text search indexes of an advisory, derived from its OSV document on every write
/// (<see cref="AdvisoryRows"/>): the summary, the details, and the keywords (aliases, package names,
/// CWE ids and their names, so "prototype pollution" also finds an advisory that only names CWE-1321).
/// </summary>
public static class AdvisorySearchText
{
    /// <summary>PostgreSQL's generated tsvector column.</summary>
    public const string VectorColumn = "SearchVector";

    /// <summary>SQLite's FTS5 table over advisories' Summary, SearchKeywords and Details.</summary>
    public const string SqliteTable = "advisory_search";

    public static IReadOnlyList<string> CweIdsOf(OsvVulnerability vulnerability) =>
        (vulnerability.DatabaseSpecific?["cwe_ids"] as System.Text.Json.Nodes.JsonArray ?? [])
            .Select(node => node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var id)
                ? id.Trim() : null)
            .OfType<string>()
            .Where(CweIds.IsValid)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static string Keywords(OsvVulnerability vulnerability, IReadOnlyList<string> cweIds)
    {
        var words = new List<string>();
        words.AddRange((vulnerability.Aliases ?? []).Where(alias => !string.IsNullOrWhiteSpace(alias)));
        words.AddRange((vulnerability.Affected ?? []).Select(a => a.Package?.Name).OfType<string>());
        foreach (var cwe in cweIds)
        {
            words.Add(cwe);
            if (CweNames.NameOf(cwe) is { } name)
            {
                words.Add(name);
            }
        }
        return string.Join(' ', words.Distinct(StringComparer.Ordinal));
    }
}
