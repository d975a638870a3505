namespace Vigil.Bench.Crash;

/// <summary>
/// Random seeds derived from the run's seed alone (<see cref="HashCode"/> is randomised per process), so a seed
/// replays the same kill moments and the same choices of each writer (the interleaving of writers is the machine's).
/// </summary>
internal static class Seeds
{
    public static int Cycle(int seed, int cycle, string provider) =>
        unchecked((seed * 7919) + (cycle * 104729) + (provider == "sqlite" ? 1 : 2));

    public static int Writer(int seed, int cycle, int writer) =>
        unchecked((seed * 7919) + (cycle * 104729) + (writer * 31) + 17);
}
