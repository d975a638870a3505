namespace Vigil.Lockfiles.Graph;

/// <summary>
/// Collapses installs into one <see cref="InstalledPackage"/> per (name, version): Dev and Optional
/// hold only if they hold for every install, and paths are the union (shortest first, capped).
/// Installs that no declared dependency reaches (orphans: extraneous entries, a yarn.lock without
/// package.json) only decide the flags and paths when no reached install exists.
/// </summary>
internal sealed class PackageCollector(PackageEcosystem ecosystem, LockfileReadOptions options)
{
    private readonly Dictionary<string, Accumulator> packages = new(StringComparer.Ordinal);
    private readonly List<SkippedPackage> skipped = [];

    /// <param name="paths">Chains of this install; may be lazy (see <see cref="GraphFacts.Paths"/>).</param>
    public void Add(string name, string version, bool dev, bool optional, IReadOnlyList<string> paths, bool reached)
    {
        // NuGet ids are case-insensitive; npm names are case-sensitive (legacy names such as JSONStream).
        var key = ecosystem == PackageEcosystem.NuGet
            ? $"{name.ToLowerInvariant()}\0{version.ToLowerInvariant()}"
            : $"{name}\0{version}";
        if (!packages.TryGetValue(key, out var acc))
        {
            packages[key] = acc = new Accumulator(name, version);
        }

        var facts = reached ? acc.Reached : acc.Orphan;
        facts.Seen = true;
        facts.Dev &= dev;
        facts.Optional &= optional;
        facts.Sources.Add(paths);
    }

    public void Skip(string name, string reference, string reason) => skipped.Add(new(name, reference, reason));

    public Lockfile ToLockfile(string filePath, string format)
    {
        var list = packages.Values
            .Select(a => a.ToPackage(ecosystem, options.MaxPathsPerPackage))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Version, StringComparer.Ordinal)
            .ToList();
        var skips = skipped.Distinct()
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Reference, StringComparer.Ordinal)
            .ToList();
        return new Lockfile(filePath, format, list) { Skipped = skips };
    }

    private sealed class Facts
    {
        public bool Seen;
        public bool Dev = true;
        public bool Optional = true;
        public readonly List<IReadOnlyList<string>> Sources = [];
    }

    private sealed class Accumulator(string name, string version)
    {
        public Facts Reached { get; } = new();
        public Facts Orphan { get; } = new();

        public InstalledPackage ToPackage(PackageEcosystem ecosystem, int maxPaths)
        {
            var facts = Reached.Seen ? Reached : Orphan;
            return new InstalledPackage(ecosystem, name, version, facts.Dev, facts.Optional, new LazyList(
                () => Merge(facts.Sources, maxPaths)));
        }

        /// <summary>Shortest first, then ordinal, so the order does not depend on how the file was laid out.</summary>
        private List<string> Merge(List<IReadOnlyList<string>> sources, int maxPaths)
        {
            var paths = sources
                .SelectMany(s => s)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(p => p.AsSpan().Count('>'))
                .ThenBy(p => p, StringComparer.Ordinal)
                .Take(maxPaths)
                .ToList();
            return paths.Count > 0 ? paths : [name];
        }
    }
}
