using Spectre.Console;
using Vigil.Core.Data;
using Vigil.Core.Imports;

namespace Vigil.Cli.Output;

/// <summary>
/// After an import: one row per input (added / updated / unchanged / skipped) on stdout, every problem on stderr.
/// </summary>
internal static class ImportSummaryView
{
    public static void Write(CliConsole console, ImportSummary summary, DatabaseTarget target)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Source").AddColumn("Format")
            .AddColumn(new TableColumn("Added").RightAligned())
            .AddColumn(new TableColumn("Updated").RightAligned())
            .AddColumn(new TableColumn("Unchanged").RightAligned())
            .AddColumn(new TableColumn("Skipped").RightAligned());
        foreach (var path in summary.Paths)
        {
            table.AddRow(
                new Text(path.Path), new Text(path.Importer ?? "-"),
                Number(path.Added), Number(path.Updated), Number(path.Unchanged), Number(path.Problems.Count));
        }
        if (summary.Paths.Count > 1)
        {
            table.AddRow(new Markup("[bold]Total[/]"), new Text(""),
                Number(summary.Added), Number(summary.Updated), Number(summary.Unchanged),
                Number(summary.Problems.Count));
        }
        console.Ansi.Write(table);
        // Plain writer, not Spectre: a summary line must not wrap (scripts grep it, and a connection string is long).
        console.Out.WriteLine($"{summary.Added} added, {summary.Updated} updated, {summary.Unchanged} unchanged "
            + $"in {target.Describe()}");

        var problems = summary.Problems;
        foreach (var problem in problems)
        {
            console.Error.WriteLine($"{problem.File}: {ErrorText.OneLine(problem.Reason)}");
        }
        if (problems.Count > 0)
        {
            console.WriteError($"{problems.Count} {(problems.Count == 1 ? "record was" : "records were")} skipped "
                + "(listed above); the rest was imported");
        }
    }

    private static Text Number(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
