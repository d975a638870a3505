using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Vigil.Bench.Parsers;

/// <summary>
/// In process (so ../shared is found beside the repository, as the tests find it): 3 warm-ups, then 15
/// measured iterations of many calls each.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InProcessThroughputJobAttribute() : JobConfigBaseAttribute(
    Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));

/// <summary>In process, one call per iteration (for work that takes seconds): 1 warm-up, 7 measured.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InProcessMonitoringJobAttribute() : JobConfigBaseAttribute(
    Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(7));
