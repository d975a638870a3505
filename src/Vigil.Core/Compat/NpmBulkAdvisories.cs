using System.Text.Json.Nodes;
using Vigil.Core.Advisories;

namespace Vigil.Core.Compat;

/// <summary>
/// One advisory as npm's bulk endpoint returns it (shared/specs/npm-audit.md §2). <see cref="Id"/> is
/// <c>AdvisoryEntity.Number * 1000 + affected index</c>: stable across re-imports (the number is kept on
/// update) and unique per (advisory, affected entry), because npm collapses advisories sharing an id.
/// </summary>
public sealed record NpmBulkAdvisory(
    long Id, string OsvId, string Title, string Severity, string VulnerableVersions, IReadOnlyList<string> Cwe,
    double CvssScore, string? CvssVector);

/// <summary>
/// <c>POST /-/npm/v1/security/advisories/bulk</c>: per requested package, the npm advisories whose range
/// matches at least one requested version (npm re-tests every version itself, so this is what it needs).
/// </summary>
public sealed class NpmBulkAdvisories(QueryAffecting query)
{
    /// <summary>Affected indexes per advisory must stay below this for ids to be unique.</summary>
    public const long IdFactor = 1000;

    public async Task<Dictionary<string, List<NpmBulkAdvisory>>> ExecuteAsync(
        IReadOnlyDictionary<string, IReadOnlyList<string>> request, CancellationToken cancellationToken = default)
    {
        // Plain loops, no LINQ: a dense 1,000-package answer carries over a thousand advisories (benchmark c).
        var queries = new List<PackageQuery>(request.Count);
        foreach (var (name, versions) in request)
        {
            queries.Add(new PackageQuery("npm", name, versions));
        }
        var matches = await query.ExecuteAsync(queries, cancellationToken);
        var numbers = new List<long>();
        foreach (var list in matches)
        {
            foreach (var match in list)
            {
                numbers.Add(match.AdvisoryNumber);
            }
        }
        var cwe = await query.CweAsync(numbers, cancellationToken);
        var response = new Dictionary<string, List<NpmBulkAdvisory>>(StringComparer.Ordinal);
        for (var i = 0; i < queries.Count; i++)
        {
            List<NpmBulkAdvisory>? advisories = null;
            foreach (var match in matches[i])
            {
                if (match.NpmRange is not null && match.Index < IdFactor)
                {
                    (advisories ??= []).Add(ToBulk(match, cwe.GetValueOrDefault(match.AdvisoryNumber) ?? []));
                }
            }
            if (advisories is not null)
            {
                response[queries[i].Name] = advisories;
            }
        }
        return response;
    }

    internal static NpmBulkAdvisory ToBulk(AffectingMatch match, IReadOnlyList<string> cwe)
    {
        // npm reads cvss as a CVSS v3 score + vector; without a v3 vector the registry sends {score:0, vectorString:null}.
        var v3 = match.CvssVector is { } vector && vector.StartsWith("CVSS:3", StringComparison.Ordinal);
        return new NpmBulkAdvisory(
            match.AdvisoryNumber * IdFactor + match.Index,
            match.Id,
            match.Summary ?? match.Id,
            // npm defaults a missing severity to 'high' (metavuln-calculator advisory.js L39).
            (match.Severity == AdvisorySeverity.Unknown ? AdvisorySeverity.High : match.Severity).ToNpmWord(),
            match.NpmRange!,
            cwe,
            v3 ? match.CvssScore ?? 0 : 0,
            v3 ? match.CvssVector : null);
    }

    /// <summary>The CWE ids kept in an OSV document (<c>database_specific.cwe_ids</c>).</summary>
    internal static IReadOnlyList<string> CweIds(JsonObject? databaseSpecific) =>
        databaseSpecific?["cwe_ids"] is JsonArray ids
            ? ids.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];
}
