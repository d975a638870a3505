using System.Text.Json;

namespace Vigil.Versioning.Tests.Support;

/// <summary>
/// Runs <c>oracle/semver-oracle.js</c> with the pinned node-semver (tests/Vigil.Versioning.Tests/oracle).
/// </summary>
public static class NodeOracle
{
    private static readonly string InstallHint =
        NodeOracles.InstallHint("Vigil.Versioning.Tests") + " to install the pinned node-semver";

    /// <summary>The oracle folder when node and its node_modules are present; otherwise skips the test.</summary>
    public static (string Node, string OracleDirectory) RequireOracle()
    {
        var node = NodeOracles.Node();
        if (node is null)
        {
            Assert.Skip($"node not found on PATH; differential tests against node-semver skipped ({InstallHint})");
        }

        var oracle = NodeOracles.Directory("Vigil.Versioning.Tests", "semver-oracle.js");
        if (oracle is null || !File.Exists(Path.Combine(oracle, "node_modules", "semver", "package.json")))
        {
            Assert.Skip($"node-semver oracle not installed: {InstallHint}");
        }

        return (node, oracle);
    }

    /// <summary>Answers for each (range, version) pair: see the script's header for the columns.</summary>
    public static JsonElement[][] Ask(IReadOnlyList<(string Range, string Version)> pairs)
    {
        var (node, oracle) = RequireOracle();
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            File.WriteAllText(input, JsonSerializer.Serialize(pairs.Select(p => new[] { p.Range, p.Version })));
            var script = Path.Combine(oracle, "semver-oracle.js");
            var run = ChildProcess.Run(node, [script, input, output], TimeSpan.FromMinutes(2));
            if (run.ExitCode != 0)
            {
                Assert.Fail($"node oracle failed (exit {run.ExitCode}): {run.Stderr}");
            }

            return JsonSerializer.Deserialize<JsonElement[][]>(File.ReadAllText(output))!;
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}
