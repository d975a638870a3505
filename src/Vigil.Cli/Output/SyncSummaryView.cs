using Spectre.Console;
using Vigil.Core.Data;
using Vigil.Core.Sync;

namespace Vigil.Cli.Output;

/// <summary>After a sync: one row per ecosystem on stdout; failures and skipped records on stderr.</summary>
internal static class SyncSummaryView
{
    public static void Write(CliConsole console, IReadOnlyList<SyncRunResult> results, DatabaseTarget target)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Source").AddColumn("Ecosystem").AddColumn("Run")
            .AddColumn(new TableColumn("Added").RightAligned())
            .AddColumn(new TableColumn("Updated").RightAligned())
            .AddColumn(new TableColumn("Withdrawn").RightAligned())
            .AddColumn(new TableColumn("Kept").RightAligned())
            .AddColumn(new TableColumn("Skipped").RightAligned());
        foreach (var r in results)
        {
            table.AddRow(new Text(r.Source), new Text(r.Ecosystem), new Text(r.Succeeded ? Kind(r.Kind) : "failed"),
                Number(r.Outcome.Added), Number(r.Outcome.Updated), Number(r.Outcome.Removed), Number(r.Outcome.Kept),
                Number(r.Problems.Count));
        }
        console.Ansi.Write(table);
        foreach (var r in results)
        {
            console.Out.WriteLine(r.Succeeded
                ? $"{r.Source} {r.Ecosystem}: {Kind(r.Kind)}: {r.Outcome.Added} added, {r.Outcome.Updated} updated, "
                    + $"{r.Outcome.Removed} withdrawn upstream, {r.Outcome.Kept} kept by provenance in "
                    + $"{target.Describe()}"
                : $"{r.Source} {r.Ecosystem}: failed; nothing of this run was stored");
            foreach (var problem in r.Problems)
            {
                console.Error.WriteLine($"{problem.Where}: {ErrorText.OneLine(problem.Reason)}");
            }
            if (r.Error is { } error)
            {
                console.WriteError($"{r.Source} {r.Ecosystem}: {ErrorText.OneLine(error)}");
            }
        }
    }

    private static string Kind(SyncKind kind) => kind switch
    {
        SyncKind.Full => "full (all.zip)",
        SyncKind.Incremental => "incremental",
        _ => "not modified",
    };

    private static Text Number(int value) =>
        new(value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
}
