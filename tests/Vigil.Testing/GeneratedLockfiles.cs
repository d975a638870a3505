using System.Text;

namespace Vigil.Testing;

/// <summary>
/// Lockfiles of <c>count</c> packages where package i depends on three later ones, so the graph is deep
/// and shared like a real tree: the lockfile tests' allocation budget and the parser benchmarks read the same
/// files (bench/parsers compiles this file in as a link).
/// </summary>
public static class GeneratedLockfiles
{
    private static IEnumerable<int> DependenciesOf(int i, int count) =>
        new[] { i * 2 + 1, i * 3 + 2, i + 7 }.Where(d => d < count).Distinct();

    public static string PackageLock(int count)
    {
        var json = new StringBuilder("{\"lockfileVersion\": 3, \"packages\": {\n");
        json.Append("  \"\": {\"dependencies\": {\"pkg-0\": \"1.0.0\", \"pkg-1\": \"1.0.0\"}}");
        for (var i = 0; i < count; i++)
        {
            var deps = string.Join(", ", DependenciesOf(i, count).Select(d => $"\"pkg-{d}\": \"^1.0.0\""));
            json.Append($",\n  \"node_modules/pkg-{i}\": {{\"version\": \"1.0.{i}\", ")
                .Append($"\"resolved\": \"https://registry.example/pkg-{i}/-/pkg-{i}-1.0.{i}.tgz\", ")
                .Append($"\"integrity\": \"sha512-{new string('a', 86)}==\", \"license\": \"MIT\", ")
                .Append($"\"dependencies\": {{{deps}}}}}");
        }
        return json.Append("\n}}\n").ToString();
    }

    public static string PnpmLock(int count)
    {
        var yaml = new StringBuilder("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n");
        yaml.Append("      pkg-0:\n        specifier: 1.0.0\n        version: 1.0.0\n");
        yaml.Append("      pkg-1:\n        specifier: 1.0.1\n        version: 1.0.1\n\npackages:\n\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append($"  pkg-{i}@1.0.{i}:\n    resolution: {{integrity: sha512-{new string('a', 86)}==}}\n\n");
        }
        yaml.Append("snapshots:\n\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append($"  pkg-{i}@1.0.{i}:\n    dependencies:\n");
            foreach (var d in DependenciesOf(i, count))
            {
                yaml.Append($"      pkg-{d}: 1.0.{d}\n");
            }
        }
        return yaml.ToString();
    }

    public static string YarnLock(int count)
    {
        var text = new StringBuilder("# yarn lockfile v1\n\n");
        for (var i = 0; i < count; i++)
        {
            text.Append($"pkg-{i}@^1.0.0, pkg-{i}@1.0.{i}:\n  version \"1.0.{i}\"\n");
            text.Append($"  resolved \"https://registry.example/pkg-{i}/-/pkg-{i}-1.0.{i}.tgz\"\n");
            text.Append($"  integrity sha512-{new string('a', 86)}==\n");
            var deps = DependenciesOf(i, count).ToList();
            if (deps.Count > 0)
            {
                text.Append("  dependencies:\n");
                foreach (var d in deps)
                {
                    text.Append($"    pkg-{d} \"^1.0.0\"\n");
                }
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    public static string PackageJson() =>
        "{\"name\": \"bench\", \"version\": \"1.0.0\", "
        + "\"dependencies\": {\"pkg-0\": \"^1.0.0\", \"pkg-1\": \"^1.0.0\"}}";
}
