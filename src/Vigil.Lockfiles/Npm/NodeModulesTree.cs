using Vigil.Lockfiles.Graph;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// npm lockfiles describe the physical node_modules tree; this resolves each declared dependency to
/// the folder Node's module resolution would load (nearest <c>node_modules/&lt;name&gt;</c> walking up),
/// which gives the logical dependency chains npm audit prints. Folders are indexed by parent, so a
/// lookup is a few dictionary probes and allocates nothing.
/// </summary>
internal sealed class NodeModulesTree
{
    private const string Marker = "node_modules/";

    private readonly Dictionary<string, int> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> parents = new(StringComparer.Ordinal);

    public DependencyGraph Graph { get; } = new();

    public int Add(string location)
    {
        var node = Graph.AddNode();
        nodes[location] = node;
        Index(location, location);
        return node;
    }

    /// <summary>A <c>link: true</c> entry: dependencies on it continue at the target folder.</summary>
    public void AddLink(string location, string target) => Index(location, target);

    /// <summary>The node a dependency named <paramref name="name"/> of the package at <paramref name="from"/>
    /// loads.</summary>
    public int? Resolve(string from, string name)
    {
        var location = from;
        while (true)
        {
            if (children.TryGetValue(location, out var installed) && installed.TryGetValue(name, out var target))
            {
                return nodes.TryGetValue(target, out var node) ? node : null;
            }

            if (location.Length == 0)
            {
                return null;
            }

            // node_modules/a/node_modules/b → node_modules/a → (root); a workspace folder's parent is the root.
            location = parents.GetValueOrDefault(location) ?? ParentOf(location);
        }
    }

    /// <summary>Records "<paramref name="location"/> is folder <c>name</c> in its parent's node_modules".</summary>
    private void Index(string location, string target)
    {
        var marker = location.LastIndexOf(Marker, StringComparison.Ordinal);
        if (marker < 0 || (marker > 0 && location[marker - 1] != '/'))
        {
            return;
        }

        var parent = marker == 0 ? "" : location[..(marker - 1)];
        parents[location] = ParentOf(location);
        if (!children.TryGetValue(parent, out var installed))
        {
            children[parent] = installed = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        installed[location[(marker + Marker.Length)..]] = target;
    }

    private static string ParentOf(string location)
    {
        var parent = location.LastIndexOf("/node_modules/", StringComparison.Ordinal);
        return parent >= 0 ? location[..parent] : "";
    }
}
