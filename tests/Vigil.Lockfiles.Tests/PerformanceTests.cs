using System.Text;

namespace Vigil.Lockfiles.Tests;

/// <summary>
/// The audit benchmark reads a 2,000-package lockfile within a 300 ms budget; reading must be a small
/// part of it. Time is the benchmarks' to measure (docs/performance.md): a test has no wall-clock limit,
/// since a shared machine's load would fail it at random. The limit here is on allocation (deterministic,
/// and any path explosion or quadratic copying shows up there). Paths are computed lazily, so they are
/// checked separately.
/// </summary>
[Collection(nameof(PerformanceTests))]
public sealed class PerformanceTests
{
    [Theory]
    [InlineData("package-lock.json", 16)]
    // YamlDotNet's event parser alone allocates about 20 bytes per input byte.
    [InlineData("pnpm-lock.yaml", 40)]
    public void Read_TwoThousandPackages_StaysWithinAllocationBudget(string fileName, int maxMegabytes)
    {
        var content =
            Encoding.UTF8.GetBytes(
                fileName == "pnpm-lock.yaml" ? GeneratedLockfiles.PnpmLock(2000)
            : GeneratedLockfiles.PackageLock(2000));
        TestInput.Read(fileName, new MemoryStream(content)); // warm-up: JIT

        var allocated = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = TestInput.Read(fileName, new MemoryStream(content));
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(2000, result.Packages.Count);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{fileName}: 2,000 packages, {content.Length:N0} bytes, {allocated:N0} bytes allocated");
        Assert.True(allocated < maxMegabytes * 1024L * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Paths_DeepSharedPackage_AreCappedAndShortestFirst()
    {
        var result = TestInput.Read("package-lock.json", GeneratedLockfiles.PackageLock(2000));
        var deepest = result.Packages.Single(p => p.Name == "pkg-1999");

        var paths = deepest.Paths.ToList();

        Assert.InRange(paths.Count, 1, 100);
        Assert.Equal(paths.OrderBy(p => p.Count(c => c == '>')).ThenBy(p => p, StringComparer.Ordinal), paths);
    }
}

/// <summary>Allocation is counted per thread: these tests run alone, so no other test's work lands on their
/// thread.</summary>
[CollectionDefinition(nameof(PerformanceTests), DisableParallelization = true)]
public sealed class PerformanceCollection;
