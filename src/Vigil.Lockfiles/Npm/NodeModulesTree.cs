using Vigil.Lockfiles.Graph;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// npm lockfiles describe the physical node_modules tree; this resolves each declared dependency to
/// the folder Node's module resolution would load (nearest <c>node_modules/&lt;name&gt;</c> walking up),
/// which gives the logical dependency chains npm audit prints.
/// </summary>
internal sealed class NodeModulesTree
{
    private readonly Dictionary<string, int> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> links = new(StringComparer.Ordinal);

    public DependencyGraph Graph { get; } = new();

    public int Add(string location)
    {
        var node = Graph.AddNode();
        nodes[location] = node;
        return node;
    }

    /// <summary>A <c>link: true</c> entry: dependencies on it continue at the target folder.</summary>
    public void AddLink(string location, string target) => links[location] = target;

    public int? NodeAt(string location) => nodes.TryGetValue(location, out var node) ? node : null;

    /// <summary>The node a dependency named <paramref name="name"/> of the package at <paramref name="from"/> loads.</summary>
    public int? Resolve(string from, string name)
    {
        var location = from;
        while (true)
        {
            var candidate = location.Length == 0 ? $"node_modules/{name}" : $"{location}/node_modules/{name}";
            if (nodes.ContainsKey(candidate) || links.ContainsKey(candidate))
            {
                return NodeAt(links.GetValueOrDefault(candidate, candidate));
            }

            if (location.Length == 0)
            {
                return null;
            }

            // node_modules/a/node_modules/b → node_modules/a → (root); a workspace folder's parent is the root.
            var parent = location.LastIndexOf("/node_modules/", StringComparison.Ordinal);
            location = parent >= 0 ? location[..parent] : "";
        }
    }
}
