using System.Diagnostics;

namespace Vigil.Cli.Tests.Infrastructure;

/// <summary>
/// Validates SARIF against the official SARIF 2.1.0 JSON schema with <c>oracle/sarif-validate.js</c>
/// (the schema as shipped in the pinned @microsoft/jest-sarif, checked by ajv as that package does).
/// Skips when node or the oracle's node_modules are absent.
/// </summary>
public static class SarifOracle
{
    private static readonly string InstallHint =
        NodeOracles.InstallHint("Vigil.Cli.Tests") + " to install the pinned SARIF schema";

    /// <returns>The validator's output: "valid", or one schema error per line.</returns>
    public static async Task<(bool Valid, string Output)> ValidateAsync(string sarifFile)
    {
        var oracle = NodeOracles.Directory("Vigil.Cli.Tests", "sarif-validate.js");
        if (oracle is null || !File.Exists(Path.Combine(
                oracle, "node_modules", "@microsoft", "jest-sarif", "lib", "schemas", "sarif-2.1.0-rtm.5.json")))
        {
            Assert.Skip($"SARIF schema oracle not installed: {InstallHint}");
        }
        var start = new ProcessStartInfo("node", [Path.Combine(oracle, "sarif-validate.js"), sarifFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip($"node was not found on PATH; {InstallHint}");
            throw;
        }
        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return (process.ExitCode == 0, output + error);
        }
    }
}
