using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Parsing;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// lockfileVersion 1 (npm 5–6): <c>dependencies</c> is a nested map mirroring node_modules, with
/// <c>requires</c> as each package's edges. It does not record the project's direct dependencies,
/// so they come from the sibling package.json; without one, every top-level entry that nothing
/// requires is taken as direct.
/// </summary>
internal static class PackageLockV1
{
    public static void Read(string filePath, LockMap root, PackageCollector collector, LockfileReadOptions options)
    {
        var tree = new NodeModulesTree();
        var entries = new List<(string Location, string Key, LockMap Entry, int Node)>();
        if (root.Map("dependencies") is { } top)
        {
            // Iterative, so nesting depth is bounded by the JSON MaxDepth and never by our stack.
            var pending = new Stack<(string Parent, LockMap Dependencies)>([("", top)]);
            while (pending.TryPop(out var level))
            {
                foreach (var (key, value) in level.Dependencies.Entries)
                {
                    var location = level.Parent.Length == 0
                        ? $"node_modules/{key.Value}"
                        : $"{level.Parent}/node_modules/{key.Value}";
                    var entry = value as LockMap ?? throw value.Expected("a mapping", $"dependency '{key.Value}'");
                    entries.Add((location, key.Value, entry, tree.Add(location)));
                    if (entry.Map("dependencies") is { } nested)
                    {
                        pending.Push((location, nested));
                    }
                }
            }
        }

        var required = new HashSet<int>();
        foreach (var (location, _, entry, node) in entries)
        {
            foreach (var (name, _) in entry.StringPairs("requires"))
            {
                if (tree.Resolve(location, name.Value) is { } target)
                {
                    tree.Graph.AddEdge(node, target, name.Value, optional: false);
                    required.Add(target);
                }
            }
        }

        AddRoots(filePath, tree, entries, required, options);
        var facts = tree.Graph.Walk(options.MaxPathsPerPackage, options.MaxDepth);
        foreach (var (location, key, entry, node) in entries)
        {
            var version = entry.String("version") ?? throw FormatError.At(entry, $"'{key}' has no 'version'");
            var resolved = entry.String("resolved");
            var name = key;
            if (NpmSpec.TryParseAlias(version, out var realName, out var realVersion))
            {
                (name, version) = (realName, realVersion);
            }

            if (!NpmSpec.IsRegistryVersion(version) || !NpmSpec.IsRegistryResolved(resolved))
            {
                collector.Skip(name, resolved ?? version, "not installed from a registry");
                continue;
            }

            var paths = facts.IsReached(node) ? facts.Paths(node) : [NpmSpec.LocationToPath(location)];
            collector.Add(name, version, entry.Bool("dev"), entry.Bool("optional"), paths, facts.IsReached(node));
        }
    }

    private static void AddRoots(
        string filePath,
        NodeModulesTree tree,
        List<(string Location, string Key, LockMap Entry, int Node)> entries,
        HashSet<int> required,
        LockfileReadOptions options)
    {
        if (PackageManifest.TryLoad(filePath, "package.json", options) is { } manifest)
        {
            foreach (var (name, _, kind) in manifest.Dependencies)
            {
                if (tree.Resolve("", name) is { } target)
                {
                    tree.Graph.AddRoot(target, name, kind);
                }
            }

            return;
        }

        foreach (var (location, key, _, node) in entries)
        {
            if (!location.Contains("/node_modules/", StringComparison.Ordinal) && !required.Contains(node))
            {
                tree.Graph.AddRoot(node, key, DependencyKind.Prod);
            }
        }
    }
}
