using System.Text.Json;

namespace Vigil.Cvss.Tests.Support;

/// <summary>
/// Runs <c>oracle/cvss-oracle.js</c> with the pinned ae-cvss-calculator (tests/Vigil.Cvss.Tests/oracle),
/// which agrees with FIRST's reference calculators (docs/cvss.md says how that was checked).
/// </summary>
public static class CvssOracle
{
    private static readonly string InstallHint =
        NodeOracles.InstallHint("Vigil.Cvss.Tests") + " to install the pinned ae-cvss-calculator";

    /// <summary>Skips the test unless node and the oracle's node_modules are present.</summary>
    public static (string Node, string OracleDirectory) Require()
    {
        var node = NodeOracles.Node();
        if (node is null)
        {
            Assert.Skip($"node not found on PATH; differential tests against the CVSS oracle skipped ({InstallHint})");
        }

        var oracle = NodeOracles.Directory("Vigil.Cvss.Tests", "cvss-oracle.js");
        if (oracle is null || !File.Exists(Path.Combine(oracle, "node_modules", "ae-cvss-calculator", "package.json")))
        {
            Assert.Skip($"CVSS oracle not installed: {InstallHint}");
        }

        return (node, oracle);
    }

    /// <summary>
    /// The oracle's scores of each valid vector: v2/v3 <c>[base, temporal, environmental, overall]</c>
    /// (null for a group without metrics), v4.0 <c>[overall, baseMetricsOnly]</c>.
    /// </summary>
    public static double?[][] Score(IReadOnlyList<string> vectors)
    {
        var (node, oracle) = Require();
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            File.WriteAllText(input, JsonSerializer.Serialize(vectors));
            var script = Path.Combine(oracle, "cvss-oracle.js");
            var run = ChildProcess.Run(node, [script, input, output], TimeSpan.FromMinutes(5));
            if (run.ExitCode != 0)
            {
                Assert.Fail($"CVSS oracle failed (exit {run.ExitCode}): {run.Stderr}");
            }

            return JsonSerializer.Deserialize<double?[][]>(File.ReadAllText(output))!;
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}
