using System.Diagnostics;
using System.Globalization;
using Vigil.Bench.ProgramYear;

// A year of a disclosure program on the real use cases and a fake clock (docs/performance.md, the program's year).
// Usage: dotnet run -c Release --project bench/program/Vigil.Bench.ProgramYear -- [--seed N] [--practice today|groups]
//        [--plot docs/file.png] [--reports 1000]
var options = Options.Parse(args);
var start = new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero); // a Monday
var arrivalsEnd = start.AddDays(365);
var end = arrivalsEnd.AddDays(50); // every report accepted in the year reaches its 45-day deadline
Console.WriteLine($"seed {options.Seed}, practice {options.Practice.Label}, {options.Reports} reports, " +
    $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd} (arrivals until {arrivalsEnd:yyyy-MM-dd})");
var stopwatch = Stopwatch.StartNew();
var scenario = Scenario.Generate(options.Seed, start, options.Reports);
await using var host = await SimHost.CreateAsync(start);
var sim = new Simulation(host, scenario, options.Practice, options.Seed);
await sim.RunAsync(start, end);
var figures = await Figures.ComputeAsync(sim, host, scenario, end);
Console.WriteLine($"ran in {stopwatch.Elapsed.TotalSeconds:0} s");
Console.WriteLine();
Console.WriteLine($"| figure | {options.Practice.Label} |");
Console.WriteLine("|---|---:|");
foreach (var (name, value) in figures.Rows())
{
    Console.WriteLine($"| {name} | {value} |");
}
if (options.PlotPath is { } plot)
{
    QueuePlot.Save(sim.Samples, $"Queue over the year (seed {options.Seed}, {options.Practice.Label})", plot);
    Console.WriteLine();
    Console.WriteLine($"queue plot: {plot}");
}

internal sealed record Options(int Seed, TeamPractice Practice, string? PlotPath, int Reports)
{
    public static Options Parse(string[] args)
    {
        var seed = 20261207;
        var practice = TeamPractice.Today;
        string? plot = null;
        var reports = 1000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--practice": practice = TeamPractice.Parse(value); break;
                case "--plot": plot = value; break;
                case "--reports": reports = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return new Options(seed, practice, plot, reports);
    }
}
