using System.Globalization;

namespace Vigil.Bench.Crash;

internal sealed record CrashOptions(
    string Vigil,
    IReadOnlyList<string> Providers,
    int Cycles,
    int Seed,
    int Writers,
    int MinKillMs,
    int MaxKillMs,
    bool EarlyAck,
    bool Tamper,
    string Work,
    int Port,
    double MaxMinutes,
    double StartTimeoutSeconds = 120)
{
    public const string Usage = """
        usage: Vigil.Bench.Crash --vigil PATH [--db sqlite|postgres|both] [--cycles N] [--seed N] [--writers N]
                                 [--kill-ms MIN-MAX] [--control early-ack] [--work DIR] [--port N]
          --vigil PATH     the published vigil (dotnet publish src/Vigil.Cli -c Release -o DIR; PATH = DIR/vigil)
          --db             which databases (default both; PostgreSQL needs VIGIL_TEST_POSTGRES)
          --cycles N       kill/restart cycles per database (default 100)
          --seed N         seeds the kill moments and the writers' choices (default: random, printed)
          --writers N      concurrent HTTP writers (default 6)
          --kill-ms A-B    kill the server A–B ms after the writers start (default 300-3000)
          --control early-ack  negative control: count a write as acknowledged when it is sent; must show losses
          --control tamper     negative control: damage the database after each kill; every damage must be seen
          --port N         the server's port (default 18110)
          --max-minutes M  stop starting cycles after M minutes per database (the figures say how many ran)
          --start-timeout S  how long a start may take before the run fails (default 120 s; more on a loaded machine)
        """;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static CrashOptions? Parse(string[] args)
    {
        string? vigil = null, work = null;
        var providers = new List<string> { "sqlite", "postgres" };
        int cycles = 100, seed = Random.Shared.Next(1, 1_000_000), writers = 6, min = 300, max = 3000, port = 18110;
        bool earlyAck = false, tamper = false;
        var maxMinutes = double.PositiveInfinity;
        var startTimeout = 120.0;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--vigil": vigil = Path.GetFullPath(Next()); break;
                case "--db":
                    providers = Next() switch
                    {
                        "sqlite" => ["sqlite"],
                        "postgres" => ["postgres"],
                        "both" => ["sqlite", "postgres"],
                        var other => throw new ArgumentException($"--db: '{other}' is not sqlite, postgres or both"),
                    };
                    break;
                case "--cycles": cycles = int.Parse(Next(), Invariant); break;
                case "--seed": seed = int.Parse(Next(), Invariant); break;
                case "--writers": writers = int.Parse(Next(), Invariant); break;
                case "--kill-ms":
                    var range = Next().Split('-');
                    (min, max) = (int.Parse(range[0], Invariant), int.Parse(range[1], Invariant));
                    break;
                case "--control":
                    switch (Next())
                    {
                        case "early-ack": earlyAck = true; break;
                        case "tamper": tamper = true; break;
                        default: throw new ArgumentException("--control: early-ack or tamper");
                    }
                    break;
                case "--work": work = Path.GetFullPath(Next()); break;
                case "--port": port = int.Parse(Next(), Invariant); break;
                case "--max-minutes": maxMinutes = double.Parse(Next(), Invariant); break;
                case "--start-timeout": startTimeout = double.Parse(Next(), Invariant); break;
                default: return null;
            }
        }
        if (vigil is null || !File.Exists(vigil))
        {
            Console.Error.WriteLine(vigil is null ? "--vigil is required" : $"--vigil: {vigil} does not exist");
            return null;
        }
        work ??= Path.Combine(Path.GetTempPath(), $"vigil-crash-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{seed}");
        return new CrashOptions(vigil, providers, cycles, seed, writers, min, max, earlyAck, tamper, work, port,
            maxMinutes, startTimeout);
    }
}
