using System.CommandLine;
using Vigil.Cli.Output;
using Vigil.Core.Exports;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil export osv|nswg DIR [--database DB]</c>: writes every stored advisory in one format under DIR.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var format = new Argument<string>("FORMAT")
        {
            Description = "osv: one OSV JSON file per advisory; nswg: the Node.js Security WG vuln/ layout",
        };
        format.AcceptOnlyFromAmong([.. AdvisoryExporters.All.Select(e => e.Format)]);
        var directory = new Argument<string>("DIR")
        {
            Description = "The directory to write into (created if missing; same-named files are replaced)",
        }.RejectOptionLike();
        var database = new DatabaseOption();
        var command = new Command("export", "Export every advisory in the database") { format, directory, database };
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            console, database, parseResult.GetValue(format)!, parseResult.GetValue(directory)!, parseResult,
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CliConsole console, DatabaseOption database, string format, string directory, ParseResult parseResult,
        CancellationToken cancellationToken)
    {
        var target = console.ResolvePath(directory);
        if (File.Exists(target))
        {
            throw new CliException($"{directory}: is a file, not a directory");
        }
        await using var services = await CliServices.OpenAsync(database, parseResult, console, cancellationToken);
        var summary = await ProgressView.RunAsync<ExportProgress, ExportSummary>(console, "exporting",
            p => new ProgressStep(p.Done, p.Total, directory),
            progress => services.Get<ExportAdvisories>().ExecuteAsync(format, target, progress, cancellationToken));

        var skipped = summary.NotApplicable == 0
            ? ""
            : $"; {summary.NotApplicable} not expressible in the {summary.Format} format";
        await console.Out.WriteLineAsync(
            $"exported {summary.Written} {(summary.Written == 1 ? "advisory" : "advisories")} to {directory} "
            + $"({summary.Files} files){skipped}");
        foreach (var problem in summary.Problems)
        {
            await console.Error.WriteLineAsync($"{problem.Advisory}: {ErrorText.OneLine(problem.Reason)}");
        }
        if (summary.Problems.Count > 0)
        {
            console.WriteError($"{summary.Problems.Count} "
                + $"{(summary.Problems.Count == 1 ? "advisory was" : "advisories were")} not exported (listed above)");
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }
}
