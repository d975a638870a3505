using System.Diagnostics;

namespace Vigil.Bench.Semver;

/// <summary>
/// Loops mirroring bench/semver/node-bench.js: a warm-up, then the median ns/op of several rounds of
/// at least ~200 ms each. Time is the process's CPU time (user + system), like node's
/// <c>process.cpuUsage()</c>, so a busy shared machine slows neither side's figure.
/// </summary>
internal static class Measure
{
    public const int Rounds = 7;

    private static double CpuNanoseconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.Ticks * 100.0;
    }

    public static double MedianNsPerOp(int opsPerPass, Func<int> pass)
    {
        long sink = 0;
        int passes = 1;
        double start = CpuNanoseconds();
        while (CpuNanoseconds() - start < 200e6)
        {
            sink += pass(); // warm-up, and find how many passes fill ~200 ms
            passes++;
        }

        var results = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            double t0 = CpuNanoseconds();
            for (int i = 0; i < passes; i++)
            {
                sink += pass();
            }

            results[r] = (CpuNanoseconds() - t0) / ((double)passes * opsPerPass);
        }

        GC.KeepAlive(sink);
        Array.Sort(results);
        return results[Rounds / 2];
    }
}
