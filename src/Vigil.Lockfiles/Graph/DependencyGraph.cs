namespace Vigil.Lockfiles.Graph;

internal enum DependencyKind
{
    Prod,
    Dev,
    Optional,
}

/// <summary>
/// The logical dependency graph of one lockfile: roots are the project's declared dependencies,
/// edges are each package's dependencies, labelled with the name the depender uses (an alias stays
/// an alias, as npm audit prints it). Nodes are plain ints; readers keep their own node → entry map.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly List<List<Edge>> edges = [];
    private readonly List<(Edge Edge, DependencyKind Kind)> roots = [];

    public int Count => edges.Count;

    public int AddNode()
    {
        edges.Add([]);
        return edges.Count - 1;
    }

    public void AddEdge(int from, int to, string label, bool optional) => edges[from].Add(new(to, label, optional));

    /// <param name="label">First path segment: the dependency name, or "importer&gt;name" for non-root
    /// projects.</param>
    public void AddRoot(int to, string label, DependencyKind kind) =>
        roots.Add((new(to, label, kind == DependencyKind.Optional), kind));

    /// <summary>
    /// Reachability now (three linear passes with visited sets, so cycles terminate); chains later,
    /// per package, when someone reads them — a 2,000-package graph has hundreds of thousands of
    /// chains and an audit prints the few of its vulnerable packages.
    /// </summary>
    public GraphFacts Walk(int maxPaths, int maxDepth)
    {
        var reached = Reach(_ => true, _ => true);
        var reachedByProd = Reach(k => k != DependencyKind.Dev, _ => true);
        var reachedRequired = Reach(k => k != DependencyKind.Optional, e => !e.Optional);
        return new GraphFacts(reached, reachedByProd, reachedRequired, new PathFinder(
            edges, roots.Select(r => r.Edge), maxPaths, maxDepth));
    }

    private bool[] Reach(Func<DependencyKind, bool> rootFilter, Func<Edge, bool> edgeFilter)
    {
        var seen = new bool[edges.Count];
        var queue = new Queue<int>();
        foreach (var (edge, kind) in roots)
        {
            if (rootFilter(kind) && !seen[edge.To])
            {
                seen[edge.To] = true;
                queue.Enqueue(edge.To);
            }
        }

        while (queue.TryDequeue(out var node))
        {
            foreach (var edge in edges[node])
            {
                if (edgeFilter(edge) && !seen[edge.To])
                {
                    seen[edge.To] = true;
                    queue.Enqueue(edge.To);
                }
            }
        }

        return seen;
    }
}

internal readonly record struct Edge(int To, string Label, bool Optional);

internal sealed class GraphFacts(bool[] reached, bool[] reachedByProd, bool[] reachedRequired, PathFinder paths)
{
    /// <summary>False for orphans (nothing declared leads there); readers then fall back to a name or
    /// location.</summary>
    public bool IsReached(int node) => reached[node];

    /// <summary>Reached, but only from development roots.</summary>
    public bool IsDev(int node) => reached[node] && !reachedByProd[node];

    /// <summary>Reached, but every chain goes through an optional dependency.</summary>
    public bool IsOptional(int node) => reached[node] && !reachedRequired[node];

    /// <summary>The node's chains, computed on first use.</summary>
    public IReadOnlyList<string> Paths(int node) => new LazyList(() => paths.Find(node));
}
