using System.Diagnostics;
using System.Text;

namespace Vigil.Lockfiles.Tests;

/// <summary>
/// The audit benchmark reads a 2,000-package lockfile within a 300 ms budget; reading must be a small
/// part of it. Wall-clock time on a shared test machine is noisy, so the firm limit is on allocation
/// (deterministic, and any path explosion or quadratic copying shows up there); the time ceiling only
/// catches disasters. Paths are computed lazily, so reading them is measured separately.
/// </summary>
[Collection(nameof(PerformanceTests))]
public sealed class PerformanceTests
{
    [Theory]
    [InlineData("package-lock.json", 16)]
    // YamlDotNet's event parser alone allocates about 20 bytes per input byte.
    [InlineData("pnpm-lock.yaml", 40)]
    public void Read_TwoThousandPackages_StaysWithinAllocationAndTimeBudget(string fileName, int maxMegabytes)
    {
        var content = Encoding.UTF8.GetBytes(fileName == "pnpm-lock.yaml" ? PnpmLock(2000) : PackageLock(2000));
        TestInput.Read(fileName, new MemoryStream(content)); // warm-up: JIT

        var best = long.MaxValue;
        var allocated = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var result = TestInput.Read(fileName, new MemoryStream(content));
            best = Math.Min(best, clock.ElapsedMilliseconds);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(2000, result.Packages.Count);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{fileName}: 2,000 packages, {content.Length:N0} bytes, best of 5: {best} ms, {allocated:N0} bytes allocated");
        Assert.True(allocated < maxMegabytes * 1024L * 1024, $"allocated {allocated:N0} bytes");
        Assert.True(best < 2000, $"best of 5 took {best} ms");
    }

    [Fact]
    public void Paths_DeepSharedPackage_AreCappedAndShortestFirst()
    {
        var result = TestInput.Read("package-lock.json", PackageLock(2000));
        var deepest = result.Packages.Single(p => p.Name == "pkg-1999");

        var clock = Stopwatch.StartNew();
        var paths = deepest.Paths.ToList();

        Assert.InRange(paths.Count, 1, 100);
        Assert.Equal(paths.OrderBy(p => p.Count(c => c == '>')).ThenBy(p => p, StringComparer.Ordinal), paths);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
    }

    /// <summary>Package i depends on three later packages, so the graph is deep and shared like a real tree.</summary>
    private static IEnumerable<int> DependenciesOf(int i, int count) =>
        new[] { i * 2 + 1, i * 3 + 2, i + 7 }.Where(d => d < count).Distinct();

    private static string PackageLock(int count)
    {
        var json = new StringBuilder("{\"lockfileVersion\": 3, \"packages\": {\n  \"\": {\"dependencies\": {\"pkg-0\": \"1.0.0\", \"pkg-1\": \"1.0.0\"}}");
        for (var i = 0; i < count; i++)
        {
            var deps = string.Join(", ", DependenciesOf(i, count).Select(d => $"\"pkg-{d}\": \"^1.0.0\""));
            json.Append($",\n  \"node_modules/pkg-{i}\": {{\"version\": \"1.0.{i}\", \"resolved\": \"https://registry.example/pkg-{i}/-/pkg-{i}-1.0.{i}.tgz\", ")
                .Append($"\"integrity\": \"sha512-{new string('a', 86)}==\", \"license\": \"MIT\", \"dependencies\": {{{deps}}}}}");
        }

        return json.Append("\n}}\n").ToString();
    }

    private static string PnpmLock(int count)
    {
        var yaml = new StringBuilder("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n");
        yaml.Append("      pkg-0:\n        specifier: 1.0.0\n        version: 1.0.0\n      pkg-1:\n        specifier: 1.0.1\n        version: 1.0.1\n\npackages:\n\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append($"  pkg-{i}@1.0.{i}:\n    resolution: {{integrity: sha512-{new string('a', 86)}==}}\n\n");
        }

        yaml.Append("snapshots:\n\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append($"  pkg-{i}@1.0.{i}:\n    dependencies:\n");
            foreach (var d in DependenciesOf(i, count))
            {
                yaml.Append($"      pkg-{d}: 1.0.{d}\n");
            }
        }

        return yaml.ToString();
    }
}

/// <summary>Timed tests run alone, after the parallel ones, so other tests do not skew them.</summary>
[CollectionDefinition(nameof(PerformanceTests), DisableParallelization = true)]
public sealed class PerformanceCollection;
