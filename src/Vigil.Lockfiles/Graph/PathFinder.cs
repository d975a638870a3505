namespace Vigil.Lockfiles.Graph;

/// <summary>
/// Finds the shortest dependency chains from the roots to one node by searching backwards from it.
/// Bounded three ways, because the number of chains in a diamond-shaped graph is exponential:
/// at most <c>maxPaths</c> results, each node expanded at most <c>maxPaths</c> times, chains at most
/// <c>maxDepth</c> long; a chain never visits a node twice, so cycles cannot loop.
/// </summary>
internal sealed class PathFinder
{
    private readonly Lazy<List<Edge>[]> predecessors;
    private readonly Dictionary<int, List<string>> rootLabels = [];
    private readonly int maxPaths;
    private readonly int maxDepth;

    public PathFinder(List<List<Edge>> edges, IEnumerable<Edge> roots, int maxPaths, int maxDepth)
    {
        foreach (var root in roots)
        {
            (rootLabels.TryGetValue(root.To, out var labels) ? labels : rootLabels[root.To] = []).Add(root.Label);
        }

        this.maxPaths = maxPaths;
        this.maxDepth = maxDepth;

        // Built once, on the first query, and shared by every package (Lazy is thread-safe).
        predecessors = new(() =>
        {
            var reverse = new List<Edge>[edges.Count];
            for (var from = 0; from < edges.Count; from++)
            {
                foreach (var edge in edges[from])
                {
                    (reverse[edge.To] ??= []).Add(edge with { To = from });
                }
            }

            return reverse;
        });
    }

    public IReadOnlyList<string> Find(int target)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var expansions = new Dictionary<int, int>();
        var queue = new Queue<Suffix>([new Suffix(target, null, null, 1)]);
        while (queue.TryDequeue(out var suffix) && found.Count < maxPaths)
        {
            foreach (var label in rootLabels.GetValueOrDefault(suffix.Node) ?? [])
            {
                var path = suffix.Join(label);
                if (found.Count < maxPaths && seen.Add(path))
                {
                    found.Add(path);
                }
            }

            if (suffix.Length >= maxDepth)
            {
                continue;
            }

            foreach (var edge in predecessors.Value[suffix.Node] ?? [])
            {
                var count = expansions.GetValueOrDefault(edge.To);
                if (count < maxPaths && !suffix.Contains(edge.To))
                {
                    expansions[edge.To] = count + 1;
                    queue.Enqueue(new Suffix(edge.To, edge.Label, suffix, suffix.Length + 1));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The end of a chain, from <see cref="Node"/> down to the target; <see cref="Label"/> is the name
    /// <see cref="Node"/> uses for the next node. Suffixes share their tails.
    /// </summary>
    private sealed record Suffix(int Node, string? Label, Suffix? Next, int Length)
    {
        public bool Contains(int node)
        {
            for (var s = this; s is not null; s = s.Next)
            {
                if (s.Node == node)
                {
                    return true;
                }
            }

            return false;
        }

        public string Join(string rootLabel)
        {
            var labels = new List<string>(Length) { rootLabel };
            for (var s = this; s.Next is not null; s = s.Next)
            {
                labels.Add(s.Label!);
            }

            return string.Join('>', labels);
        }
    }
}

/// <summary>A list computed on first read; its ToString shows the items, for test and log output.</summary>
internal sealed class LazyList(Func<IReadOnlyList<string>> compute) : IReadOnlyList<string>
{
    private readonly Lazy<IReadOnlyList<string>> items = new(compute);

    public int Count => items.Value.Count;

    public string this[int index] => items.Value[index];

    public IEnumerator<string> GetEnumerator() => items.Value.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", items.Value)}]";
}
