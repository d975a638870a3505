using BenchmarkDotNet.Attributes;
using Vigil.Lockfiles;
using Vigil.Lockfiles.Graph;

namespace Vigil.Bench.Parsers;

/// <summary>
/// The path walk on a graph of 2^30 chains (30 layers of two nodes, each linked to both nodes of the next):
/// the cap on paths per package keeps it finite, and this is how long the capped walk takes.
/// </summary>
[MemoryDiagnoser]
[InProcessThroughputJob]
[MedianColumn]
public class DependencyGraphBenchmarks
{
    [Benchmark]
    public int WalkDiamondLattice()
    {
        var graph = new DependencyGraph();
        var layers = Enumerable.Range(0, 30).Select(_ => new[] { graph.AddNode(), graph.AddNode() }).ToArray();
        graph.AddRoot(layers[0][0], "l0a", DependencyKind.Prod);
        graph.AddRoot(layers[0][1], "l0b", DependencyKind.Prod);
        for (var i = 0; i + 1 < layers.Length; i++)
        {
            foreach (var from in layers[i])
            {
                graph.AddEdge(from, layers[i + 1][0], $"l{i + 1}a", optional: false);
                graph.AddEdge(from, layers[i + 1][1], $"l{i + 1}b", optional: false);
            }
        }
        return graph.Walk(maxPaths: 100, maxDepth: 256).Paths(layers[^1][0]).Count();
    }
}
