using System.Diagnostics;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.NuGet;

/// <summary>Runs the real <c>dotnet</c> CLI with NuGet's caches in a folder of the test's own, never the
/// user's.</summary>
internal sealed class DotnetCli(string dotnet, string work)
{
    public static string? Find() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator,
                StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, "dotnet"))
                .FirstOrDefault(File.Exists);

    public async Task<(int ExitCode, string Output)> RunAsync(string directory, params string[] args)
    {
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NUGET_PACKAGES"] = Path.Combine(work, "packages");
        start.Environment["NUGET_HTTP_CACHE_PATH"] = Path.Combine(work, "http-cache");
        start.Environment["NUGET_PLUGINS_CACHE_PATH"] = Path.Combine(work, "plugins-cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1"; // no MSBuild nodes left running after the test
        foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "HTTP_PROXY",
            "HTTPS_PROXY", "http_proxy", "https_proxy" })
        {
            start.Environment.Remove(inherited); // the test host's own MSBuild, and any proxy: loopback only
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(WebTest.Ct);
        var stderr = process.StandardError.ReadToEndAsync(WebTest.Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(WebTest.Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
