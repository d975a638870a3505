using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Npm;
using Vigil.Lockfiles.Parsing;

namespace Vigil.Lockfiles.Yarn;

/// <summary>
/// yarn 2+ ("berry"): YAML with <c>__metadata.version</c> (4–10). Each entry's <c>resolution</c>
/// (<c>ms@npm:2.0.0</c>) names the real package, so aliases resolve by themselves. Workspace entries
/// (<c>@workspace:</c>) are the projects and give the roots; <c>portal:</c>/<c>link:</c> entries are
/// soft links and are not packages; <c>patch:</c> entries are the patched registry package and
/// collapse into it; other protocols (git, URLs, <c>file:</c>) are reported in <see cref="Lockfile.Skipped"/>.
/// The lockfile merges dev dependencies into <c>dependencies</c>, so dev-ness needs package.json.
/// </summary>
public sealed class YarnBerryReader : ILockfileReader
{
    public string Format => "yarn.lock berry";

    public bool CanRead(string fileName) => YarnLockReader.IsYarnLock(fileName);

    public Lockfile Read(string filePath, Stream content, LockfileReadOptions options) =>
        LockfileInput.Guard(filePath, () => Parse(filePath, LockfileInput.ReadText(content, options), options));

    internal static Lockfile Parse(string filePath, string text, LockfileReadOptions options)
    {
        var documents = YamlTree.ParseDocuments(text, options.MaxDepth);
        var root = documents.Count > 0
            ? documents[0].AsMap("the document")
            : throw new FormatError(1, 1, "the file is empty");
        var metadata = root.Map("__metadata") ?? throw FormatError.At(root, "missing '__metadata'");
        var metadataVersion = metadata.String("version")
            ?? throw FormatError.At(metadata, "missing '__metadata.version'");

        var graph = new DependencyGraph();
        var byDescriptor = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        foreach (var (key, value) in root.Entries)
        {
            if (key.Value == "__metadata")
            {
                continue;
            }

            var map = value as LockMap ?? throw value.Expected("a mapping", $"entry '{key.Value}'");
            var resolution = map.String("resolution")
                ?? throw FormatError.At(key, $"entry '{key.Value}' has no 'resolution'");
            if (!NpmSpec.TrySplit(resolution, out var name, out var reference))
            {
                throw FormatError.At(
                    map.Get("resolution")!, $"cannot read a package name from resolution '{resolution}'");
            }

            var entry = new Entry(key, map, graph.AddNode(), name, reference, Protocol(reference));
            entries.Add(entry);
            foreach (var descriptor in key.Value.Split(','))
            {
                byDescriptor.TryAdd(descriptor.Trim(), entry.Node);
            }
        }

        var workspaces = entries.Where(e => e.Protocol == "workspace").Select(e => e.Node).ToHashSet();
        foreach (var entry in entries.Where(e => e.Protocol != "workspace"))
        {
            foreach (var (dependency, target, optional) in Dependencies(entry, byDescriptor))
            {
                if (!workspaces.Contains(target))
                {
                    graph.AddEdge(entry.Node, target, dependency, optional);
                }
            }
        }

        foreach (var workspace in entries.Where(e => e.Protocol == "workspace"))
        {
            AddWorkspaceRoots(filePath, workspace, graph, byDescriptor, workspaces, options);
        }

        var facts = graph.Walk(options.MaxPathsPerPackage, options.MaxDepth);
        var collector = new PackageCollector(PackageEcosystem.Npm, options);
        foreach (var entry in entries)
        {
            var registry = entry.Protocol switch
            {
                "npm" => true,
                "patch" => Protocol(PatchedDescriptor(entry.Reference)) == "npm",
                "workspace" or "portal" or "link" => (bool?)null,
                _ => false,
            };
            var version = entry.Map.String("version");
            if (registry is null)
            {
                continue;
            }

            if (registry == false || version is null || !NpmSpec.IsRegistryVersion(version))
            {
                collector.Skip(entry.Name, entry.Reference, "not installed from a registry");
                continue;
            }

            collector.Add(
                entry.Name, version, facts.IsDev(entry.Node), facts.IsOptional(entry.Node), facts.Paths(entry.Node),
                facts.IsReached(entry.Node));
        }

        return collector.ToLockfile(filePath, $"yarn.lock berry v{metadataVersion}");
    }

    private static void AddWorkspaceRoots(
        string filePath, Entry workspace, DependencyGraph graph, Dictionary<string, int> byDescriptor,
        HashSet<int> workspaces, LockfileReadOptions options)
    {
        var folder = workspace.Reference["workspace:".Length..];
        var manifestPath = folder == "." ? "package.json" : $"{folder}/package.json";
        var manifest = PackageManifest.IsSafeRelativePath(folder)
            ? PackageManifest.TryLoad(filePath, manifestPath, options)
            : null;
        var prefix = folder == "." ? "" : $"{folder}>";
        foreach (var (dependency, target, optional) in Dependencies(workspace, byDescriptor))
        {
            if (workspaces.Contains(target))
            {
                continue;
            }

            var declared = manifest?.Dependencies.Where(d => d.Name == dependency).Select(d => d.Kind).ToList() ?? [];
            var kind = optional || declared.Contains(DependencyKind.Optional) ? DependencyKind.Optional
                : declared.Count > 0 && declared.All(k => k == DependencyKind.Dev) ? DependencyKind.Dev
                : DependencyKind.Prod;
            graph.AddRoot(target, prefix + dependency, kind);
        }
    }

    /// <summary>Each dependency as (name, target node, optional per <c>dependenciesMeta</c>).</summary>
    private static IEnumerable<(string Name, int Target, bool Optional)> Dependencies(
        Entry entry, Dictionary<string, int> byDescriptor)
    {
        var meta = entry.Map.Map("dependenciesMeta");
        foreach (var (name, range) in entry.Map.StringPairs("dependencies"))
        {
            if (byDescriptor.TryGetValue($"{name.Value}@{range}", out var target))
            {
                yield return (name.Value, target, meta?.Get(name.Value) is LockMap m && m.Bool("optional"));
            }
        }
    }

    /// <summary><c>npm:2.0.0</c> → <c>npm</c>; <c>https://host/x.tgz</c> → <c>https</c>.</summary>
    private static string Protocol(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? reference[..colon] : "";
    }

    /// <summary><c>patch:ms@npm%3A2.0.0#./fix.patch::…</c> → the reference of the package it patches
    /// (<c>npm:2.0.0</c>).</summary>
    private static string PatchedDescriptor(string reference)
    {
        var inner = reference["patch:".Length..].Split('#')[0];
        NpmSpec.TrySplit(Uri.UnescapeDataString(inner), out _, out var innerReference);
        return innerReference;
    }

    private sealed record Entry(LockScalar Key, LockMap Map, int Node, string Name, string Reference, string Protocol);
}
