using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Parsing;

namespace Vigil.Lockfiles.Pnpm;

/// <summary>
/// pnpm-lock.yaml, lockfileVersion 5.x, 6.0 and 9.0. Roots are each importer's (project's)
/// <c>dependencies</c>, <c>devDependencies</c> and <c>optionalDependencies</c>; dev = reachable only
/// from devDependencies, optional = pnpm's <c>optional: true</c> or reachable only through optional
/// dependencies. The same rule is used for every version, so the 5.x/6.0 <c>dev:</c> flags are not needed.
/// Paths leave out pnpm's leading "." (<c>mkdirp&gt;minimist</c>, not <c>.&gt;mkdirp&gt;minimist</c>);
/// chains from another importer start with its folder (<c>packages/app&gt;mkdirp</c>).
/// pnpm 11+ may write two YAML documents (an "env" document with config dependencies and pnpm itself,
/// then the project); every document is read and the packages of all of them are reported.
/// </summary>
public sealed class PnpmLockReader : ILockfileReader
{
    private static readonly (string Field, DependencyKind Kind)[] ImporterFields =
    [
        ("dependencies", DependencyKind.Prod),
        ("optionalDependencies", DependencyKind.Optional),
        ("devDependencies", DependencyKind.Dev),
        ("configDependencies", DependencyKind.Prod),
        ("packageManagerDependencies", DependencyKind.Prod),
    ];

    public string Format => "pnpm-lock.yaml";

    public bool CanRead(string fileName) =>
        string.Equals(Path.GetFileName(fileName), "pnpm-lock.yaml", StringComparison.OrdinalIgnoreCase);

    public Lockfile Read(string filePath, Stream content, LockfileReadOptions options) =>
        LockfileInput.Guard(filePath, () =>
        {
            var documents = LockfileInput.ReadYaml(content, options);
            if (documents.Count == 0)
            {
                throw new FormatError(1, 1, "the file is empty");
            }

            var collector = new PackageCollector(PackageEcosystem.Npm, options);
            var version = "";
            foreach (var document in documents)
            {
                version = ReadDocument(document.AsMap("the document"), collector, options);
            }

            return collector.ToLockfile(filePath, $"pnpm-lock.yaml v{version}");
        });

    private static string ReadDocument(LockMap document, PackageCollector collector, LockfileReadOptions options)
    {
        var versionNode = document.Get("lockfileVersion")
            ?? throw FormatError.At(document, "missing 'lockfileVersion'");
        var lockfileVersion = versionNode.AsString("'lockfileVersion'");
        var dialect = PnpmDialect.FromLockfileVersion(lockfileVersion)
            ?? throw FormatError.At(
                versionNode, $"unsupported lockfileVersion '{lockfileVersion}' (supported: 5.x, 6.0, 9.0)");

        // 9.0 keeps the graph in `snapshots` and metadata in `packages`; before, `packages` had both.
        var graphEntries = dialect.Major == 9 ? document.Map("snapshots") : document.Map("packages");
        var graph = new DependencyGraph();
        var nodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<(LockScalar Key, LockMap Entry, int Node)>();
        foreach (var (key, value) in graphEntries?.Entries ?? [])
        {
            var entry = value as LockMap ?? throw value.Expected("a mapping", $"package '{key.Value}'");
            var node = graph.AddNode();
            nodes[key.Value] = node;
            entries.Add((key, entry, node));
        }

        foreach (var (_, entry, node) in entries)
        {
            foreach (var (field, optional) in new[] { ("dependencies", false), ("optionalDependencies", true) })
            {
                foreach (var (name, reference) in entry.StringPairs(field))
                {
                    if (dialect.KeyFor(name.Value, reference) is { } key && nodes.TryGetValue(key, out var target))
                    {
                        graph.AddEdge(node, target, name.Value, optional);
                    }
                }
            }
        }

        foreach (var (path, importer) in Importers(document))
        {
            var prefix = path == "." ? "" : $"{path}>";
            foreach (var (field, kind) in ImporterFields)
            {
                foreach (var (name, spec) in importer.Map(field)?.Entries ?? [])
                {
                    // 5.x: `name: 1.0.0`; 6.0+: `name: {specifier: ^1.0.0, version: 1.0.0}`.
                    var reference = spec is LockMap map
                        ? map.String("version")
                            ?? throw FormatError.At(map, $"'{name.Value}' in '{field}' has no 'version'")
                        : spec.Text ?? throw spec.Expected("a string", $"'{name.Value}' in '{field}'");
                    if (dialect.KeyFor(name.Value, reference) is { } key && nodes.TryGetValue(key, out var target))
                    {
                        graph.AddRoot(target, prefix + name.Value, kind);
                    }
                }
            }
        }

        var facts = graph.Walk(options.MaxPathsPerPackage, options.MaxDepth);
        foreach (var (key, entry, node) in entries)
        {
            switch (dialect.ParseKey(key.Value, out var name, out var version))
            {
                case PnpmKeyKind.Malformed:
                    throw FormatError.At(key, $"cannot read a name and version from package key '{key.Value}'");
                case PnpmKeyKind.NotRegistry:
                    collector.Skip(
                        entry.String("name") ?? (name.Length > 0 ? name : key.Value), key.Value,
                        "not installed from a registry");
                    continue;
            }

            var optional = facts.IsOptional(node) || entry.Bool("optional");
            collector.Add(name, version, facts.IsDev(node), optional, facts.Paths(node), facts.IsReached(node));
        }

        return lockfileVersion;
    }

    /// <summary>Workspaces list projects under <c>importers</c>; a single project keeps them at the top level
    /// (5.x/6.0).</summary>
    private static IEnumerable<(string Path, LockMap Importer)> Importers(LockMap document)
    {
        if (document.Map("importers") is not { } importers)
        {
            yield return (".", document);
            yield break;
        }

        foreach (var (path, importer) in importers.Entries)
        {
            yield return (path.Value, importer as LockMap ?? throw importer.Expected(
                "a mapping", $"importer '{path.Value}'"));
        }
    }
}
