using System.Text.Json.Nodes;
using Vigil.Core.Advisories;
using Vigil.Core.Matching;

namespace Vigil.Core.Npm;

/// <summary>
/// One advisory as npm's bulk endpoint returns it (docs/api.md). <see cref="Id"/> is
/// <c>AdvisoryEntity.Number * 1000 + affected index</c>: stable across re-imports (the number is kept on
/// update) and unique per (advisory, affected entry), because npm collapses advisories sharing an id.
/// </summary>
public sealed record NpmBulkAdvisory(
    long Id, string OsvId, string Title, string Severity, string VulnerableVersions, IReadOnlyList<string> Cwe,
    double CvssScore, string? CvssVector);

/// <summary>
/// <c>POST /-/npm/v1/security/advisories/bulk</c>: per requested package, the npm advisories whose range
/// matches at least one requested version (npm re-tests every version itself, so this is what it needs).
/// The answer is written from the matches (rendered with <see cref="ToBulk"/> and the advisories'
/// <see cref="CweAsync">CWE ids</see>), all from one <see cref="AffectedSnapshot"/>.
/// </summary>
public sealed class NpmBulkAdvisories(QueryAffecting query)
{
    /// <summary>Affected indexes per advisory must stay below this for ids to be unique.</summary>
    public const long IdFactor = 1000;

    public ValueTask<AffectedSnapshot> SnapshotAsync(CancellationToken cancellationToken = default) =>
        query.SnapshotAsync(cancellationToken);

    /// <summary>
    /// Per requested package, in the given order, its matching npm entries in the answer's order (empty: none).
    /// </summary>
    public static List<AffectingMatch>[] Match(AffectedSnapshot snapshot,
        IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> packages)
    {
        // Plain loops, no LINQ: a dense 1,000-package answer carries over a thousand advisories (benchmark c).
        var queries = new PackageQuery[packages.Count];
        for (var i = 0; i < queries.Length; i++)
        {
            queries[i] = new PackageQuery("npm", packages[i].Key, packages[i].Value);
        }
        var matches = QueryAffecting.Match(snapshot, queries);
        var answer = new List<AffectingMatch>[queries.Length];
        for (var i = 0; i < queries.Length; i++)
        {
            var advisories = new List<AffectingMatch>(matches[i].Count);
            foreach (var match in matches[i])
            {
                if (match.NpmRange is not null && match.Index < IdFactor)
                {
                    advisories.Add(match);
                }
            }
            answer[i] = advisories;
        }
        return answer;
    }

    /// <summary>The CWE ids of the given advisories, read once per snapshot.</summary>
    public Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> CweAsync(
        AffectedSnapshot snapshot, IEnumerable<long> numbers, CancellationToken cancellationToken = default) =>
        query.CweAsync(snapshot, numbers, cancellationToken);

    public static NpmBulkAdvisory ToBulk(AffectingMatch match, IReadOnlyList<string> cwe)
    {
        // npm reads cvss as a CVSS v3 score + vector; without a v3 vector the registry sends {score:0,
        // vectorString:null}.
        var v3 = match.CvssVector is { } vector && vector.StartsWith("CVSS:3", StringComparison.Ordinal);
        return new NpmBulkAdvisory(
            match.AdvisoryNumber * IdFactor + match.Index,
            match.Id,
            match.Summary ?? match.Id,
            // npm defaults a missing severity to 'high' (metavuln-calculator advisory.js L39).
            (match.Severity == AdvisorySeverity.Unknown ? AdvisorySeverity.High : match.Severity).ToNpmWord(),
            // The bulk format has no patched range: a client infers it from this one (NpmPatchedVersions.BulkRange).
            NpmPatchedVersions.BulkRange(match.NpmRange!, match.PatchedVersions!),
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
