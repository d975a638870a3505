using System.Text.Json;

namespace Vigil.Cli.Tests.Infrastructure;

/// <summary>What one <c>vigil</c> run produced.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public JsonElement Json() => JsonDocument.Parse(Out).RootElement;

    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Shown by a failing assert: exit status and both streams.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>Runs the real command line in-process, through the same entry point as the executable.</summary>
public static class CliRunner
{
    /// <param name="environment">The whole environment the command sees (none of the test process's own variables
    /// leak in).</param>
    /// <param name="output">Where standard output goes while the command runs (e.g. to read a line a server prints);
    /// the result holds it too.</param>
    /// <param name="errorIsTerminal">Whether the command sees stderr as an interactive terminal.</param>
    public static async Task<CliResult> RunAsync(
        string[] args,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken? cancellationToken = null,
        StringWriter? output = null,
        bool errorIsTerminal = false)
    {
        using var ownOutput = new StringWriter();
        output ??= ownOutput;
        using var error = new StringWriter();
        var console = new CliConsole(output, error, isTerminal: false, name => environment?.GetValueOrDefault(name))
        {
            IsErrorTerminal = errorIsTerminal,
        };
        var exitCode = await VigilCli.RunAsync(
            args, console, cancellationToken ?? TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null);
}
