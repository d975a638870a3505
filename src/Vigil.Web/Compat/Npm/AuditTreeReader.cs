using System.Text.Json;
using Vigil.Core.Npm;
using Vigil.Web.Operations;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Reads the tree posted to <c>/audits/quick</c> and <c>/audits</c> (docs/api.md): <c>{requires: {name: spec},
/// dependencies: {name: {version, dev, optional, bundled,
/// requires, dependencies}}}</c>. Other keys (name, version, install, remove, metadata, integrity) are ignored.
/// A node without a string <c>version</c> (a link or a missing package) is skipped, as npm skips it.
/// The work is linear in the body: nodes, depth, name and version lengths and the paths' total length are
/// capped (<see cref="LimitsOptions"/>), and a node's location is spelled out only for an error message.
/// </summary>
internal static class AuditTreeReader
{
    public sealed record Outcome(NpmAuditTree? Tree, string? Error, int Status = StatusCodes.Status400BadRequest);

    public static Outcome Parse(byte[] bytes, LimitsOptions limits, CancellationToken cancellationToken = default)
    {
        JsonDocument document;
        try
        {
            // Two JSON levels per package ("dependencies", then the package), plus the root and some slack.
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 2 * limits.MaxAuditDepth + 8 });
        }
        catch (JsonException exception)
        {
            return new(null, $"The body is not JSON: {exception.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (!root.TryGetProperty("requires", out _) && !root.TryGetProperty("dependencies", out _)))
            {
                return new(null,
                    "The body must be an npm audit tree: a JSON object with \"requires\" and/or \"dependencies\".");
            }
            try
            {
                var budget = new Budget(limits, cancellationToken);
                var requires = Requires(root, budget);
                return new(new NpmAuditTree(requires, Dependencies(root, null, 0, 0, budget)), null);
            }
            catch (FormatException exception)
            {
                return new(null, exception.Message);
            }
            catch (TooLargeException exception)
            {
                return new(null, exception.Message, StatusCodes.Status413PayloadTooLarge);
            }
            catch (InvalidOperationException exception)
            {
                // GetString on a name or value that is not valid UTF-8.
                return new(null, $"The body is not valid UTF-8 JSON: {exception.Message}");
            }
        }
    }

    private static Dictionary<string, string> Requires(JsonElement node, Budget budget)
    {
        var requires = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!node.TryGetProperty("requires", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return requires;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("'requires' must be an object of package name to version range.");
        }
        foreach (var property in element.EnumerateObject())
        {
            budget.Node();
            var name = budget.Name(property.Name, null);
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"'requires.{name}' must be a version string.");
            }
            requires[name] = budget.Version(property.Value.GetString()!, () => $"requires.{name}");
        }
        return requires;
    }

    private static List<NpmAuditNode> Dependencies(JsonElement node, Location? parent, int depth, long pathChars,
        Budget budget)
    {
        var nodes = new List<NpmAuditNode>();
        if (!node.TryGetProperty("dependencies", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return nodes;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(
                $"'{Location.Text(parent, "dependencies")}' must be an object of package name to installed package.");
        }
        foreach (var property in element.EnumerateObject())
        {
            budget.Node();
            var name = budget.Name(property.Name, parent);
            var at = new Location(parent, name);
            var value = property.Value;
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"'{at}' must be an object with a \"version\".");
            }
            if (!value.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String)
            {
                continue;
            }
            if (depth >= budget.Limits.MaxAuditDepth)
            {
                throw new FormatException(
                    $"'{at}' is nested more than {budget.Limits.MaxAuditDepth} packages deep "
                    + "(Vigil:Limits:MaxAuditDepth).");
            }
            // This node's path is its parent's, '>' and its name (NpmAuditReport's a>b>c).
            var path = pathChars + (depth == 0 ? 0 : 1) + name.Length;
            budget.Path(path);
            nodes.Add(
                new NpmAuditNode(name, budget.Version(version.GetString()!, () => $"{at}.version"), Flag(value, "dev"),
                Flag(value, "optional"), Flag(value, "bundled"), Dependencies(value, at, depth + 1, path, budget)));
        }
        return nodes;
    }

    private static bool Flag(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>
    /// Where a node is, as the error messages name it (<c>dependencies.a.dependencies.b</c>); built only when one is
    /// written.
    /// </summary>
    private sealed record Location(Location? Parent, string Name)
    {
        public override string ToString() => Text(Parent, "dependencies." + Name);

        public static string Text(Location? parent, string tail) => parent is null ? tail : $"{parent}.{tail}";
    }

    /// <summary>What the tree has used of its caps so far.</summary>
    private sealed class Budget(LimitsOptions limits, CancellationToken cancellationToken)
    {
        private int _nodes;
        private long _pathChars;

        public LimitsOptions Limits => limits;

        public void Node()
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++_nodes > limits.MaxAuditNodes)
            {
                throw new TooLargeException(
                    $"The tree has more than {limits.MaxAuditNodes} packages (Vigil:Limits:MaxAuditNodes).");
            }
        }

        public string Name(string name, Location? parent)
        {
            if (name.Length > limits.MaxPackageNameChars)
            {
                throw new FormatException(
                    $"A package name under '{Location.Text(parent, "dependencies")}' is longer than "
                    + $"{limits.MaxPackageNameChars} characters (Vigil:Limits:MaxPackageNameChars).");
            }
            return name;
        }

        public string Version(string version, Func<string> where) => version.Length <= limits.MaxVersionChars ? version
            : throw new FormatException(
                $"'{where()}' is longer than {limits.MaxVersionChars} characters (Vigil:Limits:MaxVersionChars).");

        public void Path(long chars)
        {
            if ((_pathChars += chars) > limits.MaxAuditPathChars)
            {
                throw new TooLargeException(
                    $"The tree's package paths (a>b>c) add up to more than {limits.MaxAuditPathChars} characters "
                    + "(Vigil:Limits:MaxAuditPathChars).");
            }
        }
    }

    private sealed class TooLargeException(string message) : Exception(message);
}
