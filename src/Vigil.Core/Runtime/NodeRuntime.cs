namespace Vigil.Core.Runtime;

/// <summary>
/// How Vigil names the Node.js runtime in OSV documents and queries (docs/api.md, "The Node.js runtime").
/// OSV schema 1.7.5 has no ecosystem for language runtimes, and <c>npm/node</c> is an unrelated npm
/// package; the Bitnami ecosystem's component <c>node</c> is the Node.js runtime, versioned with the
/// upstream release numbers, so <c>{"ecosystem":"Bitnami","name":"node"}</c> names it in a schema-valid
/// way that no package manager's audit confuses with a dependency.
/// </summary>
public static class NodeRuntime
{
    public const string Ecosystem = "Bitnami";
    public const string Name = "node";

    /// <summary>purl-spec type <c>bitnami</c>.</summary>
    public const string Purl = "pkg:bitnami/node";

    /// <summary>Key under <c>affected[].ecosystem_specific</c>: the WG's <c>affectedEnvironments</c> (<c>all</c>,
    /// <c>win32</c>, …).</summary>
    public const string EnvironmentsKey = "affected_environments";

    public static bool IsRuntime(string ecosystem, string name) => ecosystem == Ecosystem && name == Name;
}
