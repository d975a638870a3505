using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Matching;
using Vigil.Lockfiles;

namespace Vigil.Core.Audit;

/// <summary>
/// Matches every installed package of the given lockfiles against the advisory database the way
/// <c>npm audit</c> does: an npm advisory affects a version when node-semver's
/// <c>satisfies(version, vulnerable_versions, {loose: true, includePrerelease: true})</c> holds;
/// other ecosystems follow OSV's range evaluation. Withdrawn advisories never match.
/// </summary>
public sealed class AuditPackages
{
    private readonly DbConnection _connection;
    private readonly Action<string>? _phaseDone;

    /// <param name="phaseDone">Told the name of each phase as it ends (the command line's timings).</param>
    public AuditPackages(AuditDatabase database, Action<string>? phaseDone = null)
    {
        _connection = database.Connection;
        _phaseDone = phaseDone;
    }

    /// <summary>The same reads on a context's connection (an already migrated database).</summary>
    public AuditPackages(VigilDbContext db)
    {
        _connection = db.Database.GetDbConnection();
    }

    public async Task<AuditReport> ExecuteAsync(
        IReadOnlyList<Lockfile> lockfiles, AuditOptions options, CancellationToken cancellationToken = default)
    {
        var installed = InstalledSet.From(lockfiles, options);
        var rows = await LoadAffectedRowsAsync(installed, cancellationToken);
        _phaseDone?.Invoke($"affected rows query ({rows.Count} rows)");
        var matcher = new AffectedMatcher();
        matcher.PrepareNpmRanges(rows);
        _phaseDone?.Invoke("npm range parsing");
        var findings = new Dictionary<(long Advisory, string Ecosystem, string Name, string Version), FindingBuilder>();

        foreach (var row in rows)
        {
            foreach (var package in installed.Versions(row.Ecosystem, row.Name))
            {
                if (!matcher.Affects(row, package.Version))
                {
                    continue;
                }
                var key = (row.AdvisoryNumber, row.Ecosystem, row.Name, package.Version);
                if (!findings.TryGetValue(key, out var finding))
                {
                    finding = new FindingBuilder(row, package);
                    findings.Add(key, finding);
                }
                finding.AddRange(row.NpmRange, row.FixedVersion);
            }
        }

        _phaseDone?.Invoke($"matching ({findings.Count} matches)");
        var numbers = findings.Keys.Select(k => k.Advisory).Distinct().Order().ToList();
        var advisories = numbers.Count == 0
            ? []
            : await AuditQueries.AdvisoriesAsync(_connection, numbers, cancellationToken);
        _phaseDone?.Invoke($"advisories query ({advisories.Count} advisories)");
        var aliases = numbers.Count == 0
            ? []
            : await AuditQueries.AliasesAsync(_connection, numbers, cancellationToken);
        _phaseDone?.Invoke("aliases query");
        var superseded = Superseded(findings, advisories, aliases);
        var results = findings
            .Where(f => advisories.ContainsKey(f.Key.Advisory)) // withdrawn advisories match nothing
            .Where(f => !superseded.Contains(f.Key))
            .Select(f => f.Value)
            .Select(f => f.Build(
                advisories[f.AdvisoryNumber], aliases.TryGetValue(f.AdvisoryNumber, out var list) ? list : []))
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Package, StringComparer.Ordinal)
            .ThenBy(f => f.Version, StringComparer.Ordinal)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        _phaseDone?.Invoke($"findings with their paths ({results.Count})");
        var audited = lockfiles.Select(l => new AuditedLockfile(l.FilePath, l.Format, l.Packages.Count)).ToList();
        return new AuditReport(audited, results, installed.Count, options);
    }

    /// <summary>
    /// The findings of records another record supersedes for the same installed version: one vulnerability under
    /// two ids is reported once (<see cref="DuplicateRule"/>, as the server's APIs answer).
    /// </summary>
    private static HashSet<(long, string, string, string)> Superseded(
        Dictionary<(long Advisory, string Ecosystem, string Name, string Version), FindingBuilder> findings,
        Dictionary<long, AuditedAdvisory> advisories, Dictionary<long, List<string>> aliases)
    {
        var superseded = new HashSet<(long, string, string, string)>();
        var perVersion = findings.Keys
            .Where(k => advisories.ContainsKey(k.Advisory))
            .GroupBy(k => (k.Ecosystem, k.Name, k.Version))
            .Where(g => g.Skip(1).Any());
        foreach (var version in perVersion)
        {
            var candidates = version
                .Select(k => Candidate(k.Advisory, advisories[k.Advisory], aliases.GetValueOrDefault(k.Advisory) ?? []))
                .ToList();
            foreach (var number in DuplicateRule.Superseded(candidates))
            {
                superseded.Add((number, version.Key.Ecosystem, version.Key.Name, version.Key.Version));
            }
        }
        return superseded;
    }

    private static DuplicateCandidate Candidate(long number, AuditedAdvisory advisory, List<string> aliases) =>
        new(number, advisory.Id, advisory.Origin, advisory.Published, aliases);

    private async Task<List<AffectedRow>> LoadAffectedRowsAsync(
        InstalledSet installed, CancellationToken cancellationToken)
    {
        var names = installed.Names.ToList();
        if (names.Count == 0)
        {
            return [];
        }
        var rows = await AuditQueries.AffectedRowsAsync(_connection, names, installed.HasNonNpm, cancellationToken);
        return rows.Where(r => installed.Contains(r.Ecosystem, r.Name)).ToList();
    }
}
