using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.NodejsWg;
using Vigil.Core.Matching;
using Vigil.Versioning.Npm;

namespace Vigil.Core.Npm;

/// <summary>
/// <c>POST /-/npm/v1/security/audits/quick</c> and <c>/audits</c>: the npm 6 audit report of a posted tree
/// (npm ≤ 10, yarn and pnpm; docs/api.md). Every installed (name, version) is matched exactly as
/// the bulk endpoint matches it, from one candidate read for the whole tree; each finding lists the paths
/// (<c>a&gt;b&gt;c</c>) the version is installed at. A root requirement with no installed node (npm 10 with a
/// v3 lockfile sends only those) is matched by its exact version, or, for a range, by every advisory whose
/// range intersects it: npm re-tests the installed versions itself.
/// </summary>
public sealed class NpmAuditReport(QueryAffecting query)
{
    private static readonly string[] Severities = ["info", "low", "moderate", "high", "critical"];

    public async Task<NpmAuditResult> ExecuteAsync(NpmAuditTree tree, CancellationToken cancellationToken = default)
    {
        var installed = new List<Installed>();
        var counts = new Counter();
        Walk(tree.Dependencies, null, installed, counts, cancellationToken);
        var ranges = RootRequirements(tree, installed, counts);

        var exact = installed.Select(i => (i.Name, i.Version)).Distinct().ToList();
        var queries = exact.Select(e => new PackageQuery("npm", e.Name, [e.Version]))
            .Concat(ranges.Select(r => new PackageQuery("npm", r.Name, null)))
            .ToList();
        var matches = await query.ExecuteAsync(queries, cancellationToken);

        var found = new Dictionary<long, Found>();
        var byVersion = installed.ToLookup(i => (i.Name, i.Version));
        for (var i = 0; i < exact.Count; i++)
        {
            foreach (var match in Usable(matches[i]))
            {
                Add(found, match, exact[i].Version, byVersion[exact[i]]);
            }
        }
        for (var i = 0; i < ranges.Count; i++)
        {
            var usable = Usable(matches[exact.Count + i]).ToList();
            if (usable.Count == 0 || !NpmRange.TryParse(ranges[i].Spec, NpmSemverOptions.NpmAudit, out var range))
            {
                continue; // no advisory for the package, or a spec that is no range (a tag, a URL)
            }
            foreach (var match in usable.Where(m => Intersects(m.NpmRange!, range)))
            {
                Add(found, match, ranges[i].Spec,
                    [new Installed(ranges[i].Name, ranges[i].Spec, ranges[i].Name, false, false, false)]);
            }
        }

        var documents = await query.DocumentsAsync(found.Values.Select(f => f.Match.AdvisoryNumber), cancellationToken);
        var advisories = found.Values
            .Select(f => ToAdvisory(f, documents.GetValueOrDefault(f.Match.AdvisoryNumber)))
            .OrderBy(a => a.Advisory.Id)
            .ToList();
        return new NpmAuditResult(advisories, Actions(advisories, found), Vulnerabilities(advisories),
            counts.ToCounts());
    }

    private static IEnumerable<AffectingMatch> Usable(IReadOnlyList<AffectingMatch> matches) =>
        matches.Where(m => m.NpmRange is not null && m.Index < NpmBulkAdvisories.IdFactor);

    /// <summary>
    /// Every node with its path. A path repeats its parent's, so their total length can grow with the square of
    /// the body's; the web host caps that total before a tree gets here (Vigil:Limits:MaxAuditPathChars).
    /// </summary>
    private static void Walk(
        IReadOnlyList<NpmAuditNode> nodes, string? parentPath, List<Installed> into, Counter counts,
            CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            counts.Add(node.Dev, node.Optional);
            var path = parentPath is null ? node.Name : parentPath + ">" + node.Name;
            var (name, version) = Unalias(node.Name, node.Version);
            into.Add(new Installed(name, version, path, node.Dev, node.Optional, node.Bundled));
            Walk(node.Dependencies, path, into, counts, cancellationToken);
        }
    }

    /// <summary>
    /// The root's requirements that are not installed at the top (npm 10 with a v3 lockfile sends only these). Each
    /// counts as one dependency, whatever its spec (a range, a tag, a git URL: npm scanned it either way). An exact
    /// version is matched like an installed one; a range is kept as text and parsed only when its package has an
    /// advisory (<see cref="ExecuteAsync"/>), so a tree of many long ranges costs nothing for packages the index
    /// does not know.
    /// </summary>
    private static List<RangeRequirement> RootRequirements(NpmAuditTree tree, List<Installed> installed, Counter counts)
    {
        var topLevel = tree.Dependencies.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var ranges = new List<RangeRequirement>();
        foreach (var (key, spec) in tree.Requires.Where(r => !topLevel.Contains(r.Key)))
        {
            var (name, version) = Unalias(key, spec);
            counts.Add(dev: false, optional: false);
            if (NpmVersion.TryParse(version, NpmSemverOptions.NpmAudit, out _))
            {
                installed.Add(new Installed(name, version, key, false, false, false));
            }
            else
            {
                ranges.Add(new RangeRequirement(name, version));
            }
        }
        return ranges;
    }

    /// <summary>
    /// <c>"ms-alias": "npm:ms@2.0.0"</c> is package ms, version 2.0.0 (lockfile v1 and npm's requires).
    /// </summary>
    private static (string Name, string Version) Unalias(string name, string version)
    {
        if (!version.StartsWith("npm:", StringComparison.Ordinal))
        {
            return (name, version);
        }
        var target = version[4..];
        var at = target.LastIndexOf('@');
        return at > 0 ? (target[..at], target[(at + 1)..]) : (target, "*");
    }

    private static bool Intersects(string advisoryRange, NpmRange spec) =>
        NpmRange.TryParseCached(advisoryRange, NpmSemverOptions.NpmAudit, out var parsed) && parsed.Intersects(spec);

    private static void Add(Dictionary<long, Found> found, AffectingMatch match, string version,
        IEnumerable<Installed> at)
    {
        var id = match.AdvisoryNumber * NpmBulkAdvisories.IdFactor + match.Index;
        if (!found.TryGetValue(id, out var entry))
        {
            found[id] = entry = new Found(match, []);
        }
        if (!entry.Versions.TryGetValue(version, out var list))
        {
            entry.Versions[version] = list = [];
        }
        list.AddRange(at);
    }

    private static NpmAuditAdvisory ToAdvisory(Found found, OsvVulnerability? document)
    {
        var match = found.Match;
        // The v6 report carries patched_versions itself, so vulnerable_versions is the record's range as it is.
        var bulk = NpmBulkAdvisories.ToBulk(match, NpmBulkAdvisories.CweIds(document?.DatabaseSpecific)) with
        {
            VulnerableVersions = match.NpmRange!
        };
        var aliases = (document?.Aliases ?? []).Prepend(match.Id).ToList();
        // A WG record keeps overview and recommendation apart in details (docs/importers.md): serve them apart.
        var (overview, recommendation) = NswgFormat.SplitDetails(document?.Details);
        var patched = match.PatchedVersions!;
        return new NpmAuditAdvisory(
            bulk, match.Name,
            found.Versions.Select(v =>
                new NpmAuditFinding(v.Key, v.Value.Select(i => i.Path).Distinct(StringComparer.Ordinal).ToList()))
                .ToList(),
            patched,
            overview ?? match.Summary ?? "",
            NpmPatchedVersions.Recommendation(patched, recommendation),
            string.Join('\n', (document?.References ?? []).Select(r => "- " + r.Url)),
            aliases.Where(a => a.StartsWith("CVE-", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)
                .ToList(),
            aliases.FirstOrDefault(a => a.StartsWith("GHSA-", StringComparison.Ordinal)),
            document?.Published ?? match.Modified,
            match.Modified,
            Credit(document, "FINDER"),
            Credit(document, "REPORTER"));
    }

    private static string Credit(OsvVulnerability? document, string type) =>
        document?.Credits?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase))?.Name
            ?? "";

    private static List<NpmAuditAction> Actions(List<NpmAuditAdvisory> advisories, Dictionary<long, Found> found) =>
        advisories.Select(a => new NpmAuditAction(a.ModuleName, found[a.Advisory.Id].Versions.Values
                .SelectMany(list => list)
                .DistinctBy(i => i.Path, StringComparer.Ordinal)
                .Select(i => new NpmAuditResolve(a.Advisory.Id, i.Path, i.Dev, i.Optional, i.Bundled))
                .ToList()))
            .ToList();

    /// <summary>
    /// npm 6 counts paths, not advisories: <c>metadata.vulnerabilities</c> sums the findings' paths by severity.
    /// </summary>
    private static Dictionary<string, int> Vulnerabilities(List<NpmAuditAdvisory> advisories)
    {
        var counts = Severities.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var advisory in advisories)
        {
            counts[advisory.Advisory.Severity] += advisory.Findings.Sum(f => f.Paths.Count);
        }
        return counts;
    }

    private sealed record Installed(string Name, string Version, string Path, bool Dev, bool Optional, bool Bundled);

    private sealed record RangeRequirement(string Name, string Spec);

    private sealed record Found(AffectingMatch Match, Dictionary<string, List<Installed>> Versions);

    private sealed class Counter
    {
        private int _dependencies, _dev, _optional;

        public void Add(bool dev, bool optional)
        {
            if (dev) { _dev++; }
            else if (optional) { _optional++; }
            else { _dependencies++; }
        }

        public NpmAuditCounts ToCounts() => new(_dependencies, _dev, _optional);
    }
}
