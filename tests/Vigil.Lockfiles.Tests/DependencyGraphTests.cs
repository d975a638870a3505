using Vigil.Lockfiles.Graph;

namespace Vigil.Lockfiles.Tests;

public sealed class DependencyGraphTests
{
    [Fact]
    public void Walk_DiamondLatticeWithABillionChains_KeepsTheCap()
    {
        // 30 layers of two nodes, each linked to both nodes of the next layer: 2^30 chains to the bottom.
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

        // Without the cap the walk would follow all 2^30 chains and never end.
        var facts = graph.Walk(maxPaths: 100, maxDepth: 256);

        Assert.Equal(100, facts.Paths(layers[^1][0]).Count());
    }

    [Fact]
    public void Walk_LongChain_StopsPathsAtMaxDepthButStillReachesEveryNode()
    {
        var graph = new DependencyGraph();
        var nodes = Enumerable.Range(0, 1000).Select(_ => graph.AddNode()).ToArray();
        graph.AddRoot(nodes[0], "n0", DependencyKind.Dev);
        for (var i = 1; i < nodes.Length; i++)
        {
            graph.AddEdge(nodes[i - 1], nodes[i], $"n{i}", optional: i == 500);
        }

        var facts = graph.Walk(maxPaths: 100, maxDepth: 256);

        Assert.Single(facts.Paths(nodes[255]));
        Assert.Empty(facts.Paths(nodes[256]));
        Assert.True(facts.IsReached(nodes[999]) && facts.IsDev(nodes[999]) && facts.IsOptional(nodes[999]));
        Assert.False(facts.IsOptional(nodes[499]));
    }

    [Theory]
    [InlineData("Prod", false, false)]
    [InlineData("Dev", true, false)]
    [InlineData("Optional", false, true)]
    public void Walk_SelfCycleUnderRootKind_MarksFlagsByRootKind(string rootKind, bool dev, bool optional)
    {
        var kind = Enum.Parse<DependencyKind>(rootKind);
        var graph = new DependencyGraph();
        var a = graph.AddNode();
        var b = graph.AddNode();
        graph.AddRoot(a, "a", kind);
        graph.AddEdge(a, b, "b", optional: false);
        graph.AddEdge(b, a, "a", optional: false);
        graph.AddEdge(b, b, "b", optional: false);

        var facts = graph.Walk(maxPaths: 100, maxDepth: 256);

        Assert.Equal((dev, optional), (facts.IsDev(b), facts.IsOptional(b)));
        Assert.Equal(["a>b"], facts.Paths(b));
    }
}
