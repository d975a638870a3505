using System.Text.Json;
using Vigil.Core.Compat;

namespace Vigil.Web.Compat.Npm;

/// <summary>
/// Reads the tree posted to <c>/audits/quick</c> and <c>/audits</c> (shared/specs/npm-audit.md §3,
/// yarn-pnpm-audit.md): <c>{requires: {name: spec}, dependencies: {name: {version, dev, optional, bundled,
/// requires, dependencies}}}</c>. Other keys (name, version, install, remove, metadata, integrity) are ignored.
/// A node without a string <c>version</c> (a link or a missing package) is skipped, as npm skips it.
/// </summary>
internal static class AuditTreeReader
{
    /// <summary>pnpm nests the whole dependency graph (two JSON levels per package).</summary>
    public const int MaxDepth = 256;

    public sealed record Outcome(NpmAuditTree? Tree, string? Error);

    public static Outcome Parse(byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth });
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
                return new(null, "The body must be an npm audit tree: a JSON object with \"requires\" and/or \"dependencies\".");
            }
            try
            {
                return new(new NpmAuditTree(Requires(root, "requires"), Dependencies(root, "dependencies")), null);
            }
            catch (FormatException exception)
            {
                return new(null, exception.Message);
            }
        }
    }

    private static Dictionary<string, string> Requires(JsonElement node, string path)
    {
        var requires = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!node.TryGetProperty("requires", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return requires;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"'{path}' must be an object of package name to version range.");
        }
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"'{path}.{property.Name}' must be a version string.");
            }
            requires[property.Name] = property.Value.GetString()!;
        }
        return requires;
    }

    private static List<NpmAuditNode> Dependencies(JsonElement node, string path)
    {
        var nodes = new List<NpmAuditNode>();
        if (!node.TryGetProperty("dependencies", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return nodes;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"'{path}' must be an object of package name to installed package.");
        }
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            var value = property.Value;
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"'{at}' must be an object with a \"version\".");
            }
            if (!value.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String)
            {
                continue;
            }
            nodes.Add(new NpmAuditNode(property.Name, version.GetString()!, Flag(value, "dev"), Flag(value, "optional"),
                Flag(value, "bundled"), Dependencies(value, at + ".dependencies")));
        }
        return nodes;
    }

    private static bool Flag(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
