using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Npm;
using Vigil.Lockfiles.Parsing;

namespace Vigil.Lockfiles.Yarn;

/// <summary>
/// yarn classic (<c># yarn lockfile v1</c>). The lockfile lists one entry per resolved (name, version)
/// with the specifiers that resolve to it, but no root, no dev flags and no install tree; direct and
/// dev dependencies come from the sibling package.json, chains from walking each entry's
/// <c>dependencies</c>/<c>optionalDependencies</c>. Without package.json every package is reported
/// as non-dev with its name as its only path.
/// </summary>
public sealed class YarnV1Reader : ILockfileReader
{
    public string Format => "yarn.lock v1";

    public bool CanRead(string fileName) => YarnLockReader.IsYarnLock(fileName);

    public Lockfile Read(string filePath, Stream content, LockfileReadOptions options) =>
        LockfileInput.Guard(filePath, () => Parse(filePath, LockfileInput.ReadText(content, options), options));

    internal static Lockfile Parse(string filePath, string text, LockfileReadOptions options)
    {
        var root = YarnV1Parser.Parse(text, options.MaxDepth);
        var graph = new DependencyGraph();
        var bySpecifier = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<(LockScalar Key, LockMap Entry, int Node)>();
        foreach (var (key, value) in root.Entries)
        {
            var entry = value as LockMap ?? throw value.Expected("a mapping", $"entry '{key.Value}'");
            var node = graph.AddNode();
            entries.Add((key, entry, node));
            foreach (var specifier in key.Value.Split(", "))
            {
                bySpecifier.TryAdd(specifier, node);
            }
        }

        foreach (var (_, entry, node) in entries)
        {
            foreach (var (field, optional) in new[] { ("dependencies", false), ("optionalDependencies", true) })
            {
                foreach (var (name, range) in entry.StringPairs(field))
                {
                    if (bySpecifier.TryGetValue($"{name.Value}@{range}", out var target))
                    {
                        graph.AddEdge(node, target, name.Value, optional);
                    }
                }
            }
        }

        if (PackageManifest.TryLoad(filePath, "package.json", options) is { } manifest)
        {
            foreach (var (name, range, kind) in manifest.Dependencies)
            {
                if (bySpecifier.TryGetValue($"{name}@{range}", out var target))
                {
                    graph.AddRoot(target, name, kind);
                }
            }
        }

        var facts = graph.Walk(options.MaxPathsPerPackage, options.MaxDepth);
        var collector = new PackageCollector(PackageEcosystem.Npm, options);
        foreach (var (key, entry, node) in entries)
        {
            var specifiers = key.Value.Split(", ");
            if (!NpmSpec.TrySplit(specifiers[0], out var name, out var range))
            {
                throw FormatError.At(key, $"cannot read a package name from '{specifiers[0]}' (expected name@range)");
            }

            if (NpmSpec.TryParseAlias(range, out var realName, out _))
            {
                name = realName;
            }

            var version = entry.String("version") ?? throw FormatError.At(key, $"entry '{key.Value}' has no 'version'");
            var resolved = entry.String("resolved");
            var fromRegistry = specifiers.Any(s => NpmSpec.TrySplit(s, out _, out var r) && NpmSpec.IsRegistryRange(r));
            if (!fromRegistry || !NpmSpec.IsRegistryVersion(version) || !NpmSpec.IsRegistryResolved(resolved))
            {
                collector.Skip(name, resolved ?? range, "not installed from a registry");
                continue;
            }

            collector.Add(
                name, version, facts.IsDev(node), facts.IsOptional(node), facts.Paths(node), facts.IsReached(node));
        }

        return collector.ToLockfile(filePath, "yarn.lock v1");
    }
}
