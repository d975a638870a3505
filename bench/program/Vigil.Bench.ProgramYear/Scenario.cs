namespace Vigil.Bench.ProgramYear;

/// <summary>What a simulated report really is; the triager learns it by reading (and pays for it in minutes).</summary>
internal enum ReportKind
{
    Valid,
    BurstDuplicate,
    NearDuplicate,
    Spam,
    OutOfScope,
    AiWrittenNoPoc,
}

/// <summary>How a package's maintainers answer the team.</summary>
internal enum Responsiveness
{
    Prompt,
    Late,
    Never,
}

internal sealed record SimPackage(string Name, IReadOnlyList<Guid> Maintainers, Responsiveness Answers, string Version)
{
    /// <summary>The first patched version: the next patch after the current one.</summary>
    public string FixVersion
    {
        get
        {
            var parts = Version.Split('.');
            return $"{parts[0]}.{parts[1]}."
                + $"{int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + 1}";
        }
    }
}

/// <summary>One report of the year, as generated; <see cref="Id"/> and the rest are filled in as it runs.</summary>
internal sealed class SimReport
{
    public required int Index { get; init; }
    public required ReportKind Kind { get; init; }
    public required SimPackage Package { get; init; }
    public required string Range { get; init; }
    public required DateTimeOffset ArrivesAt { get; init; }

    /// <summary>For a duplicate: the valid report it repeats.</summary>
    public SimReport? Original { get; init; }

    /// <summary>A valid report whose maintainers answer "not affected".</summary>
    public bool Disputed { get; init; }

    /// <summary>An AI-written report whose sender answers the team's question (with more of the same).</summary>
    public bool ReporterAnswers { get; init; }

    public long Id { get; set; }
    public string? FollowUpToken { get; set; }
    public double EffortMinutes { get; set; }
    public Guid? AssignedTriager { get; set; }
    public bool Done { get; set; }
    public bool Fixed { get; set; }
    public bool Asked { get; set; }
    public bool Accepted { get; set; }
}

/// <summary>
/// The year's arrivals, from a seed: 1,000 reports across 300 packages (popularity by Zipf's law), in bursts. Of the
/// reports 30 % repeat a valid one (two thirds of them within hours of it, a popular package's bug reported by many;
/// one third days to months later, with a different but overlapping range), 20 % are spam or out of scope, 15 % are
/// AI-written with no working proof of concept, and 35 % are valid. Maintainers: 30 % of packages never answer, 40 %
/// answer late, 30 % promptly; 15 % of the valid reports on an answering package are disputed.
/// </summary>
internal sealed class Scenario
{
    public const int Packages = 300;

    public required DateTimeOffset Start { get; init; }
    public required IReadOnlyList<SimPackage> PackageList { get; init; }
    public required IReadOnlyList<SimReport> Reports { get; init; }

    public static Scenario Generate(int seed, DateTimeOffset start, int total = 1000, double yearDays = 365)
    {
        var random = new Random(seed);
        var packages = Enumerable.Range(0, Packages).Select(i => NewPackage(random, i)).ToList();
        var weights = Enumerable.Range(1, Packages).Select(rank => 1.0 / rank).ToArray();
        var sum = weights.Sum();
        SimPackage Pick() => packages[WeightedIndex(random, weights, sum)];
        DateTimeOffset AnyTime() => start.AddMinutes(random.NextDouble() * yearDays * 24 * 60);

        int valid = (int)(total * 0.35), burst = (int)(total * 0.20), near = (int)(total * 0.10);
        int spam = (int)(total * 0.12), outOfScope = (int)(total * 0.08);
        var ai = total - valid - burst - near - spam - outOfScope;
        var reports = new List<SimReport>();
        var index = 0;
        var originals = new List<SimReport>();
        for (var i = 0; i < valid; i++)
        {
            var package = Pick();
            var disputed = package.Answers != Responsiveness.Never && random.NextDouble() < 0.15;
            originals.Add(new SimReport
            {
                Index = index++,
                Kind = ReportKind.Valid,
                Package = package,
                Range = $"<={package.Version}",
                ArrivesAt = AnyTime(),
                Disputed = disputed,
            });
        }
        reports.AddRange(originals);

        // Bursts: the valid reports on the most popular packages are reported again by many within hours.
        var popular = originals
            .OrderBy(r => packages.IndexOf(r.Package))
            .ThenBy(r => r.Index)
            .Take(Math.Max(1, burst / 8))
            .ToList();
        for (var i = 0; i < burst; i++)
        {
            var original = popular[random.Next(popular.Count)];
            var range = random.NextDouble() < 0.5 ? original.Range : $"<{original.Package.FixVersion}";
            reports.Add(new SimReport
            {
                Index = index++,
                Kind = ReportKind.BurstDuplicate,
                Package = original.Package,
                Range = range,
                Original = original,
                ArrivesAt = original.ArrivesAt.AddMinutes(Math.Min(12 * 60, -Math.Log(1 - random.NextDouble()) * 180)),
            });
        }
        for (var i = 0; i < near; i++)
        {
            var original = originals[random.Next(originals.Count)];
            var major = original.Package.Version.Split('.')[0];
            reports.Add(new SimReport
            {
                Index = index++,
                Kind = ReportKind.NearDuplicate,
                Package = original.Package,
                Range = $">={major}.0.0 <={original.Package.Version}",
                Original = original,
                ArrivesAt = Min(original.ArrivesAt.AddDays(1 + random.NextDouble() * 89),
                    start.AddDays(yearDays).AddHours(-1)),
            });
        }
        // Spam comes in waves of up to six at once; out-of-scope reports one by one.
        for (var i = 0; i < spam;)
        {
            var at = AnyTime();
            for (var wave = 1 + random.Next(6); wave > 0 && i < spam; wave--, i++)
            {
                reports.Add(new SimReport
                {
                    Index = index++,
                    Kind = ReportKind.Spam,
                    Package = Pick(),
                    Range = "*",
                    ArrivesAt = at.AddMinutes(random.Next(60)),
                });
            }
        }
        for (var i = 0; i < outOfScope; i++)
        {
            var package = Pick();
            reports.Add(new SimReport
            {
                Index = index++,
                Kind = ReportKind.OutOfScope,
                Package = package,
                Range = $"<={package.Version}",
                ArrivesAt = AnyTime(),
            });
        }
        for (var i = 0; i < ai; i++)
        {
            var package = Pick();
            reports.Add(new SimReport
            {
                Index = index++,
                Kind = ReportKind.AiWrittenNoPoc,
                Package = package,
                Range = $"<={package.Version}",
                ArrivesAt = AnyTime(),
                ReporterAnswers = random.NextDouble() < 0.5,
            });
        }
        return new Scenario
        {
            Start = start,
            PackageList = packages,
            Reports = reports.OrderBy(r => r.ArrivesAt).ThenBy(r => r.Index).ToList(),
        };
    }

    private static SimPackage NewPackage(Random random, int i)
    {
        var maintainers = random.NextDouble() switch { < 0.6 => 1, < 0.9 => 2, _ => 3 };
        var answers = random.NextDouble() switch
        {
            < 0.3 => Responsiveness.Never,
            < 0.7 => Responsiveness.Late,
            _ => Responsiveness.Prompt,
        };
        var version = $"{1 + random.Next(5)}.{random.Next(13)}.{random.Next(10)}";
        return new SimPackage($"sim-pkg-{i:000}",
            Enumerable.Range(0, maintainers).Select(_ => NewGuid(random)).ToList(), answers, version);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static int WeightedIndex(Random random, double[] weights, double sum)
    {
        var x = random.NextDouble() * sum;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x <= 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}
