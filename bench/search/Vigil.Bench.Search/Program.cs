// Search latency (docs/performance.md, "Search"): imports the given advisory sources into a database once,
// then runs each search (count + first page, as the home page does) RUNS times after one warm-up and
// prints the median and the spread.
// Usage: dotnet Vigil.Bench.Search.dll DATABASE RUNS SOURCE...   (DATABASE: a SQLite file or a connection string)
// VIGIL_BENCH_SQL=1 prints each SQL statement EF Core sends, with its time, for the last run of each search.
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Imports;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Vigil.Bench.Search DATABASE RUNS SOURCE...");
    return 2;
}
var target = DatabaseTarget.Parse(args[0]);
var runs = int.Parse(args[1], CultureInfo.InvariantCulture);
await using (var db = await VigilDatabase.OpenAndMigrateAsync(target))
{
    if (!await db.Advisories.AnyAsync())
    {
        var watch = Stopwatch.StartNew();
        await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default).ExecuteAsync(args[2..]);
        Console.WriteLine($"import: {watch.Elapsed.TotalSeconds:F1} s");
    }
    Console.WriteLine($"{target.Provider}: {await db.Advisories.CountAsync()} advisories");
}

(string Name, AdvisorySearch Search)[] searches =
[
    ("no text, first page", new AdvisorySearch()),
    ("text: prototype pollution", new AdvisorySearch("prototype pollution")),
    ("text: \"regular expression\" denial", new AdvisorySearch("\"regular expression\" denial")),
    // The WG records carry no CWE, so the filter case is text with a severity; the alias is one of theirs.
    ("text + severity", new AdvisorySearch("pollution", Severity: AdvisorySeverity.High)),
    ("exact alias", new AdvisorySearch("CVE-2014-7205")),
];
Console.WriteLine($"{"search",-36} {"median",10} {"min",10} {"max",10} {"matches",8}");
foreach (var (name, search) in searches)
{
    var times = new List<double>();
    var total = 0;
    for (var i = 0; i <= runs; i++)
    {
        var log = i == runs && Environment.GetEnvironmentVariable("VIGIL_BENCH_SQL") == "1";
        await using var db = log ? OpenLogged(target) : VigilDatabase.Open(target);
        var watch = Stopwatch.StartNew();
        total = (await new SearchAdvisories(db).ExecuteAsync(search)).Total;
        if (i > 0)
        {
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
    }
    times.Sort();
    Console.WriteLine($"{name,-36} {times[times.Count / 2],8:F1}ms {times[0],8:F1}ms {times[^1],8:F1}ms {total,8}");
}
return 0;

static VigilDbContext OpenLogged(DatabaseTarget target) =>
    new((DbContextOptions<VigilDbContext>)VigilDatabase.Configure(new DbContextOptionsBuilder<VigilDbContext>(), target)
        .LogTo(Console.WriteLine, [RelationalEventId.CommandExecuted], LogLevel.Information)
        .Options);
