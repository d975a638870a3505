using System.Diagnostics;
using System.Text.Json;

namespace Vigil.Core.Tests.Audit;

/// <summary>
/// Runs <c>oracle/npm-evaluator.js</c>: npm's own Arborist reads the lockfile and npm's bundled semver
/// tests each advisory range with npm audit's options. Uses the npm that ships with Node.js
/// (<c>npm root -g</c>), so nothing is installed for it; skips when node or npm is missing.
/// </summary>
internal static class NpmEvaluatorOracle
{
    public sealed record Advisory(string Id, string Name, string Range);

    public sealed record Match(string Id, string Name, string Version);

    public static async Task<IReadOnlyList<Match>> EvaluateAsync(string projectDir, IReadOnlyList<Advisory> advisories,
        params string[] omit)
    {
        var npmRoot = await NpmRootAsync();
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, JsonSerializer.Serialize(
                advisories.Select(a => new { id = a.Id, name = a.Name, range = a.Range })));
            var script = Path.Combine(AppContext.BaseDirectory, "Audit", "oracle", "npm-evaluator.js");
            var output = await RunAsync("node", [script, Path.Combine(npmRoot, "npm"), projectDir, input, .. omit]);
            return JsonSerializer.Deserialize<List<Match>>(output,
                new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static async Task<string> NpmRootAsync()
    {
        try
        {
            return (await RunAsync("npm", ["root", "-g"])).Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("npm is not on PATH; this test compares Vigil with npm's own evaluator.");
            throw;
        }
    }

    private static async Task<string> RunAsync(string file, IEnumerable<string> args)
    {
        var ct = TestContext.Current.CancellationToken;
        var run = await ChildProcess.RunAsync(file, args, TimeSpan.FromMinutes(5), ct);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({run.ExitCode}): {run.Stderr}");
        }
        return run.Stdout;
    }
}
