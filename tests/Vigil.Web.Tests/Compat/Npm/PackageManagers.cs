using System.Diagnostics;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// The real package-manager CLIs the npm endpoints are checked with: the machine's npm (11) and the versions
/// pinned in tests/Vigil.Web.Tests/oracle (npm 10, pnpm 11 on the pinned Node 22, pnpm 10, pnpm 9, yarn 4), each run
/// with node in a scratch directory with its own cache and an empty user config, never through a proxy. yarn 4 also
/// gets its own home folder (it reads ~/.yarnrc.yml), no global cache and no telemetry.
/// </summary>
public sealed record PackageManager(string Label, string File, string[] Prefix)
{
    private static readonly string InstallHint = NodeOracles.InstallHint("Vigil.Web.Tests");

    public static PackageManager Npm11() =>
        NodeOracles.OnPath("npm") is { } npm ? new PackageManager("npm 11", npm, [])
            : Skip("npm is not on PATH; this test runs the real npm CLI.");

    public static PackageManager Npm10() => Oracle("npm 10", "npm", "bin", "npm-cli.js");

    /// <summary>pnpm 11 needs Node ≥ 22.13; the machine's node is 20, so it runs on oracle/'s Node 22 (linux-x64
    /// only).</summary>
    public static PackageManager Pnpm11() =>
        NodeOracles.File("Vigil.Web.Tests", "node_modules", "node22", "bin", "node") is { } node22
            ? Oracle("pnpm 11", "pnpm11", "bin", "pnpm.cjs") with { File = node22 }
            : Skip(
                $"Node 22 for pnpm 11 is not installed (oracle/node_modules/node22, linux-x64 only): {InstallHint}.");

    public static PackageManager Pnpm10() => Oracle("pnpm 10", "pnpm", "bin", "pnpm.cjs");

    public static PackageManager Pnpm9() => Oracle("pnpm 9", "pnpm9", "bin", "pnpm.cjs");

    public static PackageManager Yarn4() => Oracle("yarn 4", "yarn4", "bin", "yarn.js");

    public static PackageManager ByLabel(string label) => label switch
    {
        "npm 11" => Npm11(),
        "npm 10" => Npm10(),
        "pnpm 11" => Pnpm11(),
        "pnpm 10" => Pnpm10(),
        "pnpm 9" => Pnpm9(),
        "yarn 4" => Yarn4(),
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, null),
    };

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string directory, string work,
        params string[] args)
    {
        var start = new ProcessStartInfo(File)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in Prefix.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        var userConfig = Path.Combine(work, "npmrc");
        if (!System.IO.File.Exists(userConfig))
        {
            await System.IO.File.WriteAllTextAsync(userConfig, "", TestContext.Current.CancellationToken);
        }
        start.Environment["npm_config_userconfig"] = userConfig;
        start.Environment["npm_config_cache"] = Path.Combine(work, "cache");
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(work, "config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(work, "xdg-cache");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(work, "data");
        start.Environment["XDG_STATE_HOME"] = Path.Combine(work, "state");
        start.Environment["CI"] = "true";
        if (Label.StartsWith("yarn", StringComparison.Ordinal))
        {
            foreach (var variable in start.Environment.Keys.Where(
                k => k.StartsWith("YARN_", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(variable); // registries and proxies come from the test's .yarnrc.yml only
            }
            start.Environment["HOME"] = Directory.CreateDirectory(Path.Combine(work, "home")).FullName;
            start.Environment["YARN_GLOBAL_FOLDER"] = Path.Combine(work, "yarn-global");
            start.Environment["YARN_ENABLE_GLOBAL_CACHE"] = "0";
            start.Environment["YARN_ENABLE_TELEMETRY"] = "0";
            start.Environment["YARN_ENABLE_PROGRESS_BARS"] = "0";
            start.Environment["YARN_ENABLE_COLORS"] = "0";
            start.Environment["YARN_IGNORE_PATH"] = "1";
        }
        foreach (var proxy in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "npm_config_proxy",
            "npm_config_https_proxy" })
        {
            start.Environment.Remove(proxy); // loopback only: a proxy must not see these requests
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static PackageManager Oracle(string label, params string[] path)
    {
        if (NodeOracles.Node() is not { } node)
        {
            return Skip("node is not on PATH.");
        }
        return NodeOracles.File("Vigil.Web.Tests", ["node_modules", .. path]) is { } script
            ? new(label, node, [script])
            : Skip($"{label} is not installed: {InstallHint}.");
    }

    private static PackageManager Skip(string message)
    {
        Assert.Skip(message);
        return null!;
    }
}
