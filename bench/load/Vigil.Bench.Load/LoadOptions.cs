using System.Globalization;

namespace Vigil.Bench.Load;

internal sealed record LoadOptions(
    string Vigil, string Provider, double Minutes, double WarmupMinutes, int Users, int Seed, string Work, int Port,
    string Data)
{
    public const string Usage = """
        usage: Vigil.Bench.Load --vigil PATH [--db sqlite|postgres] [--minutes M] [--warmup-minutes W] [--users N]
                                [--seed N] [--work DIR] [--port N] [--data DIR]
          --vigil PATH        the published vigil (dotnet publish src/Vigil.Cli -c Release -o DIR; PATH = DIR/vigil)
          --db                the database (default sqlite; postgres needs VIGIL_TEST_POSTGRES)
          --minutes M         how long the load runs (default 10)
          --warmup-minutes W  the first W minutes are not in the steady-state figures (default 2)
          --users N           concurrent clients, each sending its next request when the last is answered (default 8)
          --data DIR          advisories imported before the run (default ../shared/data/nodejs-security-wg/vuln)
          --port N            the server's port (default 18210)
        """;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static LoadOptions? Parse(string[] args)
    {
        string? vigil = null, work = null, data = null;
        var provider = "sqlite";
        double minutes = 10, warmup = 2;
        int users = 8, seed = 20261207, port = 18210;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--vigil": vigil = Path.GetFullPath(Next()); break;
                case "--db": provider = Next() is "postgres" ? "postgres" : "sqlite"; break;
                case "--minutes": minutes = double.Parse(Next(), Invariant); break;
                case "--warmup-minutes": warmup = double.Parse(Next(), Invariant); break;
                case "--users": users = int.Parse(Next(), Invariant); break;
                case "--seed": seed = int.Parse(Next(), Invariant); break;
                case "--work": work = Path.GetFullPath(Next()); break;
                case "--port": port = int.Parse(Next(), Invariant); break;
                case "--data": data = Path.GetFullPath(Next()); break;
                default: return null;
            }
        }
        if (vigil is null || !File.Exists(vigil))
        {
            Console.Error.WriteLine(vigil is null ? "--vigil is required" : $"--vigil: {vigil} does not exist");
            return null;
        }
        work ??= Path.Combine(Path.GetTempPath(), $"vigil-load-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        data ??= Path.GetFullPath(Path.Combine("..", "shared", "data", "nodejs-security-wg", "vuln"));
        return new LoadOptions(vigil, provider, minutes, warmup, users, seed, work, port, data);
    }
}
