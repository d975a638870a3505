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

    /// <param name="label">First path segment: the dependency name, or "importer&gt;name" for non-root projects.</param>
    public void AddRoot(int to, string label, DependencyKind kind) =>
        roots.Add((new(to, label, kind == DependencyKind.Optional), kind));

    /// <summary>
    /// Computes reachability and paths. Every traversal keeps a visited set or a per-node cap, so
    /// cycles terminate, and the number of paths is bounded by nodes × <paramref name="maxPaths"/>
    /// (a diamond-shaped graph has exponentially many chains).
    /// </summary>
    public GraphFacts Walk(int maxPaths, int maxDepth)
    {
        var reached = Reach(_ => true, _ => true);
        var reachedByProd = Reach(k => k != DependencyKind.Dev, _ => true);
        var reachedRequired = Reach(k => k != DependencyKind.Optional, e => !e.Optional);
        return new GraphFacts(reached, reachedByProd, reachedRequired, Paths(maxPaths, maxDepth));
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

    /// <summary>
    /// Breadth-first over chains, so each node keeps its shortest chains first; a chain never
    /// visits a node twice (cycles), and a node stops accepting chains at the cap.
    /// </summary>
    private List<PathStep>[] Paths(int maxPaths, int maxDepth)
    {
        var paths = new List<PathStep>[edges.Count];
        var queue = new Queue<PathStep>();
        foreach (var (edge, _) in roots)
        {
            Offer(new PathStep(edge.To, edge.Label, null, 1));
        }

        while (queue.TryDequeue(out var step))
        {
            if (step.Length >= maxDepth)
            {
                continue;
            }

            foreach (var edge in edges[step.Node])
            {
                if (!step.Contains(edge.To))
                {
                    Offer(new PathStep(edge.To, edge.Label, step, step.Length + 1));
                }
            }
        }

        return paths;

        void Offer(PathStep step)
        {
            var list = paths[step.Node] ??= [];
            if (list.Count < maxPaths)
            {
                list.Add(step);
                queue.Enqueue(step);
            }
        }
    }

    private readonly record struct Edge(int To, string Label, bool Optional);
}

/// <summary>A chain as a linked list back to its root, so chains share their prefixes.</summary>
internal sealed record PathStep(int Node, string Label, PathStep? Parent, int Length)
{
    public bool Contains(int node)
    {
        for (var step = this; step is not null; step = step.Parent)
        {
            if (step.Node == node)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString()
    {
        var labels = new string[Length];
        var step = this;
        for (var i = Length - 1; i >= 0 && step is not null; i--, step = step.Parent)
        {
            labels[i] = step.Label;
        }

        return string.Join('>', labels);
    }
}

internal sealed class GraphFacts(bool[] reached, bool[] reachedByProd, bool[] reachedRequired, List<PathStep>[] paths)
{
    /// <summary>False for orphans (nothing declared leads there); readers then fall back to a name or location.</summary>
    public bool IsReached(int node) => reached[node];

    /// <summary>Reached, but only from development roots.</summary>
    public bool IsDev(int node) => reached[node] && !reachedByProd[node];

    /// <summary>Reached, but every chain goes through an optional dependency.</summary>
    public bool IsOptional(int node) => reached[node] && !reachedRequired[node];

    public IEnumerable<string> Paths(int node) => paths[node]?.Select(p => p.ToString()) ?? [];
}
