using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Parsing;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// package-lock.json and npm-shrinkwrap.json, lockfileVersion 1, 2 and 3. v2 carries both the v3
/// <c>packages</c> map and the v1 <c>dependencies</c> tree; like npm 7+, only <c>packages</c> is read.
/// Dev/optional come from npm's own <c>dev</c>/<c>optional</c> flags; <c>devOptional</c> packages are
/// reported as neither, because a production install with optional dependencies still installs them.
/// </summary>
public sealed class PackageLockReader : ILockfileReader
{
    public string Format => "package-lock.json";

    public bool CanRead(string fileName) =>
        Path.GetFileName(fileName).ToLowerInvariant() is "package-lock.json" or "npm-shrinkwrap.json";

    public Lockfile Read(string filePath, Stream content, LockfileReadOptions options) =>
        LockfileInput.Guard(filePath, () =>
        {
            var root = LockfileInput.ReadJson(content, options).AsMap("the document");
            var versionNode = root.Get("lockfileVersion") ?? throw FormatError.At(root, "missing 'lockfileVersion'");
            var version = versionNode is LockScalar { Kind: ScalarKind.JsonNumber } n ? n.Value : null;
            var fileName = CanRead(filePath) ? Path.GetFileName(filePath).ToLowerInvariant() : "package-lock.json";
            var collector = new PackageCollector(PackageEcosystem.Npm, options);
            switch (version)
            {
                case "1":
                    PackageLockV1.Read(filePath, root, collector, options);
                    break;
                case "2" or "3":
                    ReadPackages(
                        root.Map("packages") ?? throw FormatError.At(root, "missing 'packages'"), collector, options);
                    break;
                default:
                    throw FormatError.At(
                        versionNode, $"unsupported lockfileVersion {versionNode.Description} (supported: 1, 2, 3)");
            }

            return collector.ToLockfile(filePath, $"{fileName} v{version}");
        });

    private static void ReadPackages(LockMap packages, PackageCollector collector, LockfileReadOptions options)
    {
        var tree = new NodeModulesTree();
        var entries = new List<(string Location, LockMap Entry, int Node)>();
        foreach (var (key, value) in packages.Entries)
        {
            var entry = value as LockMap ?? throw value.Expected("a mapping", $"package '{key.Value}'");
            if (entry.Bool("link"))
            {
                // Workspaces and file: folders: the target folder has its own entry.
                tree.AddLink(key.Value, entry.String("resolved") ?? throw FormatError.At(
                    entry, $"link '{key.Value}' has no 'resolved' target"));
                continue;
            }

            entries.Add((key.Value, entry, tree.Add(key.Value)));
        }

        foreach (var (location, entry, node) in entries)
        {
            var isLocalFolder = !IsInstalled(location);
            foreach (var (field, optional) in DependencyFields(isLocalFolder))
            {
                foreach (var (name, _) in entry.StringPairs(field))
                {
                    if (tree.Resolve(location, name.Value) is not { } target)
                    {
                        continue;
                    }

                    if (location.Length == 0)
                    {
                        tree.Graph.AddRoot(target, name.Value, DependencyKind.Prod);
                    }
                    else
                    {
                        tree.Graph.AddEdge(node, target, name.Value, optional);
                    }
                }
            }

            if (isLocalFolder && location.Length > 0)
            {
                // A workspace folder is a project of its own: chains through it start with its folder.
                tree.Graph.AddRoot(node, location, DependencyKind.Prod);
            }
        }

        var facts = tree.Graph.Walk(options.MaxPathsPerPackage, options.MaxDepth);
        foreach (var (location, entry, node) in entries)
        {
            if (!IsInstalled(location))
            {
                continue;
            }

            var name = entry.String("name") ?? NpmSpec.NameFromLocation(location);
            var version = entry.String("version") ?? throw FormatError.At(entry, $"'{location}' has no 'version'");
            var resolved = entry.String("resolved");
            if (!NpmSpec.IsRegistryVersion(version) || !NpmSpec.IsRegistryResolved(resolved))
            {
                collector.Skip(name, resolved ?? version, "not installed from a registry");
                continue;
            }

            var paths = facts.IsReached(node) ? facts.Paths(node) : [NpmSpec.LocationToPath(location)];
            collector.Add(name, version, entry.Bool("dev"), entry.Bool("optional"), paths, facts.IsReached(node));
        }
    }

    /// <summary>Only folders inside a node_modules are installed packages; others are the project's own
    /// folders.</summary>
    private static bool IsInstalled(string location) =>
        location.StartsWith("node_modules/", StringComparison.Ordinal)
            || location.Contains("/node_modules/", StringComparison.Ordinal);

    /// <summary>devDependencies are installed only for the project and its workspaces, never for packages.</summary>
    private static IEnumerable<(string Field, bool Optional)> DependencyFields(bool isLocalFolder)
    {
        yield return ("dependencies", false);
        yield return ("optionalDependencies", true);
        yield return ("peerDependencies", false);
        if (isLocalFolder)
        {
            yield return ("devDependencies", false);
        }
    }
}
