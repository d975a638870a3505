namespace Vigil.Bench.ProgramYear;

/// <summary>
/// The queue over the year as a PNG (ScottPlot): reports awaiting triage, waiting for the reporter, and under
/// embargo.
/// </summary>
internal static class QueuePlot
{
    public static void Save(IReadOnlyList<QueueSample> samples, string title, string path)
    {
        var plot = new ScottPlot.Plot();
        var days = samples.Select(s => s.Day).ToArray();
        Add(plot, days, samples.Select(s => (double)s.AwaitingTriage).ToArray(), "awaiting triage (new)");
        Add(plot, days, samples.Select(s => (double)s.NeedsInformation).ToArray(), "waiting for the reporter");
        Add(plot, days, samples.Select(s => (double)s.Embargoed).ToArray(), "accepted, not yet published");
        plot.Title(title);
        plot.XLabel("day of the simulated year");
        plot.YLabel("reports (end of day)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(path, 1000, 420);
    }

    private static void Add(ScottPlot.Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = label;
        line.LineWidth = 1.5f;
    }
}
