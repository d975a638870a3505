using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Parsing;

namespace Vigil.Lockfiles.NuGet;

/// <summary>
/// NuGet's packages.lock.json (version 1; 2 adds <c>CentralTransitive</c> for central package
/// management): <c>dependencies</c> → target framework (optionally <c>tfm/rid</c>) → package id →
/// <c>{type, requested, resolved, dependencies}</c>. <c>Project</c> entries are project references:
/// not packages, but chains through them start with the project's name. NuGet has no dev or
/// optional dependencies, so both flags are always false. A package resolved for several
/// frameworks is one record.
/// </summary>
public sealed class PackagesLockReader : ILockfileReader
{
    public string Format => "packages.lock.json";

    public bool CanRead(string fileName) =>
        string.Equals(Path.GetFileName(fileName), "packages.lock.json", StringComparison.OrdinalIgnoreCase);

    public Lockfile Read(string filePath, Stream content, LockfileReadOptions options) =>
        LockfileInput.Guard(filePath, () =>
        {
            var root = LockfileInput.ReadJson(content, options).AsMap("the document");
            var versionNode = root.Get("version") ?? throw FormatError.At(root, "missing 'version'");
            if (versionNode is not LockScalar { Kind: ScalarKind.JsonNumber, Value: "1" or "2" } version)
            {
                throw FormatError.At(versionNode, $"unsupported version {versionNode.Description} (supported: 1, 2)");
            }

            var frameworks = root.Map("dependencies") ?? throw FormatError.At(root, "missing 'dependencies'");
            var graph = new DependencyGraph();
            var packages = new List<(string Id, string Version, int Node)>();
            foreach (var (framework, value) in frameworks.Entries)
            {
                var map = value as LockMap
                    ?? throw value.Expected("a mapping", $"target framework '{framework.Value}'");
                ReadFramework(framework.Value, map, graph, packages);
            }

            var facts = graph.Walk(options.MaxPathsPerPackage, options.MaxDepth);
            var collector = new PackageCollector(PackageEcosystem.NuGet, options);
            foreach (var (id, resolved, node) in packages)
            {
                collector.Add(id, resolved, dev: false, optional: false, facts.Paths(node), facts.IsReached(node));
            }

            return collector.ToLockfile(filePath, $"packages.lock.json v{version.Value}");
        });

    private static void ReadFramework(
        string framework, LockMap entries, DependencyGraph graph, List<(string, string, int)> packages)
    {
        // Package ids are case-insensitive, and `dependencies` may spell them differently from the entry key.
        var nodes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var parsed = new List<(LockScalar Id, LockMap Entry, int Node)>();
        foreach (var (id, value) in entries.Entries)
        {
            var entry = value as LockMap ?? throw value.Expected("a mapping", $"package '{id.Value}' ({framework})");
            var node = graph.AddNode();
            if (!nodes.TryAdd(id.Value, node))
            {
                throw FormatError.At(id, $"package '{id.Value}' is listed twice for {framework}");
            }

            parsed.Add((id, entry, node));
        }

        foreach (var (id, entry, node) in parsed)
        {
            var type = entry.String("type")
                ?? throw FormatError.At(entry, $"package '{id.Value}' ({framework}) has no 'type'");
            foreach (var (dependency, _) in entry.StringPairs("dependencies"))
            {
                if (nodes.TryGetValue(dependency.Value, out var target))
                {
                    graph.AddEdge(node, target, dependency.Value, optional: false);
                }
            }

            switch (type)
            {
                case "Project":
                    graph.AddRoot(node, id.Value, DependencyKind.Prod);
                    continue;
                case "Direct":
                    graph.AddRoot(node, id.Value, DependencyKind.Prod);
                    break;
            }

            // Transitive, CentralTransitive, and types newer NuGets may add: all are resolved packages.
            var resolved = entry.String("resolved")
                ?? throw FormatError.At(entry, $"package '{id.Value}' ({framework}) has no 'resolved' version");
            packages.Add((id.Value, resolved, node));
        }
    }
}
