using System.Diagnostics;

namespace Vigil.Bench.Semver;

/// <summary>
/// Stopwatch loops mirroring bench/semver/node-bench.js: a warm-up round, then the median ns/op of
/// several rounds of at least ~200 ms each.
/// </summary>
internal static class Measure
{
    public const int Rounds = 7;

    public static double MedianNsPerOp(int opsPerPass, Func<int> pass)
    {
        long sink = 0;
        int passes = 1;
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 200)
        {
            sink += pass(); // warm-up, and find how many passes fill ~200 ms
            passes++;
        }

        var results = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            sw.Restart();
            for (int i = 0; i < passes; i++)
            {
                sink += pass();
            }

            results[r] = sw.Elapsed.TotalNanoseconds / ((double)passes * opsPerPass);
        }

        GC.KeepAlive(sink);
        Array.Sort(results);
        return results[Rounds / 2];
    }
}
