using Vigil.Lockfiles;

namespace Vigil.Core.Audit;

/// <summary>The installed packages of all audited lockfiles, merged per (ecosystem, name, version).</summary>
internal sealed class InstalledSet
{
    private readonly Dictionary<(string Ecosystem, string Name), Dictionary<string, InstalledVersion>> _packages = [];

    public int Count => _packages.Values.Sum(v => v.Count);

    public IEnumerable<string> Names => _packages.Keys.Select(k => k.Name).Distinct(StringComparer.Ordinal);

    /// <summary>Whether any package is from another ecosystem than npm (matched by stored OSV entries).</summary>
    public bool HasNonNpm => _packages.Keys.Any(k => k.Ecosystem != "npm");

    public bool Contains(string ecosystem, string name) => _packages.ContainsKey((ecosystem, name));

    public IEnumerable<InstalledVersion> Versions(string ecosystem, string name) =>
        _packages.TryGetValue((ecosystem, name), out var versions) ? versions.Values : [];

    public static InstalledSet From(IReadOnlyList<Lockfile> lockfiles, AuditOptions options)
    {
        var set = new InstalledSet();
        foreach (var lockfile in lockfiles)
        {
            foreach (var package in lockfile.Packages)
            {
                if ((options.OmitDev && package.Dev) || (options.OmitOptional && package.Optional))
                {
                    continue;
                }
                set.Add(lockfile.FilePath, package);
            }
        }
        return set;
    }

    private void Add(string lockfilePath, InstalledPackage package)
    {
        var key = (package.Ecosystem.ToOsvName(), package.Name);
        if (!_packages.TryGetValue(key, out var versions))
        {
            versions = new Dictionary<string, InstalledVersion>(StringComparer.Ordinal);
            _packages.Add(key, versions);
        }
        if (!versions.TryGetValue(package.Version, out var installed))
        {
            installed = new InstalledVersion(package.Version);
            versions.Add(package.Version, installed);
        }
        installed.Add(lockfilePath, package);
    }
}

/// <summary>One (name, version) as installed, possibly through several lockfiles and paths.</summary>
internal sealed class InstalledVersion(string version)
{
    private const int MaxPaths = 100;
    private readonly List<InstalledPackage> _occurrences = [];

    public string Version { get; } = version;
    public List<string> Lockfiles { get; } = [];

    private List<string>? _paths;

    /// <summary>Dev only when every occurrence is dev, as npm's <c>--omit dev</c> sees it.</summary>
    public bool Dev { get; private set; } = true;

    public void Add(string lockfilePath, InstalledPackage package)
    {
        _paths = null;
        Dev &= package.Dev;
        _occurrences.Add(package);
        if (!Lockfiles.Contains(lockfilePath))
        {
            Lockfiles.Add(lockfilePath);
        }
    }

    /// <summary>
    /// Every dependency path, read only for packages with findings: lockfile readers compute paths
    /// lazily, and a 2,000-package graph has far more paths than findings.
    /// </summary>
    public IReadOnlyList<string> Paths() => _paths ??= ReadPaths();

    private List<string> ReadPaths()
    {
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in _occurrences.SelectMany(o => o.Paths))
        {
            if (seen.Add(path))
            {
                paths.Add(path);
                if (paths.Count == MaxPaths)
                {
                    break;
                }
            }
        }
        return paths;
    }
}
