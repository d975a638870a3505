using System.Diagnostics;

namespace Vigil.Cli.Tests.Infrastructure;

/// <summary>
/// Runs the built <c>vigil</c> executable as a child process. The SDK copies a referenced executable
/// project's apphost beside the test assembly, so this is the same program <c>dotnet publish</c> ships.
/// </summary>
public static class VigilProcess
{
    public static string Executable
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "vigil.exe" : "vigil");
            Assert.True(File.Exists(path), $"the vigil executable was not built beside the tests: {path}");
            return path;
        }
    }

    public static Process Start(string workingDirectory, params string[] args) =>
        StartFile(Executable, workingDirectory, args);

    /// <summary>
    /// Starts vigil with SIGINT's default disposition restored. A test host started in the background (by a
    /// shell script, CI) inherits SIGINT ignored, an ignored signal stays ignored across exec, and the .NET
    /// runtime then never raises Ctrl-C: coreutils' <c>env --default-signal</c> resets it before exec (same pid).
    /// </summary>
    public static Process StartWithDefaultInterrupt(string workingDirectory, params string[] args) =>
        StartFile("env", workingDirectory, ["--default-signal=INT", Executable, .. args]);

    /// <summary>Another build of vigil (e.g. the published one), run the same way.</summary>
    public static async Task<CliResult> RunFileAsync(string executable, string workingDirectory, params string[] args)
    {
        using var process = StartFile(executable, workingDirectory, args);
        return await WaitAsync(process);
    }

    private static Process StartFile(string executable, string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo(executable, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test machine's own settings must not choose the database.
        start.Environment.Remove("VIGIL_DATABASE");
        start.Environment.Remove("VIGIL_DATA_DIR");
        return Process.Start(start)!;
    }

    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return await WaitAsync(process);
    }

    public static async Task<CliResult> WaitAsync(Process process)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
