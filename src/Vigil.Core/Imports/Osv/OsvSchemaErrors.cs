using System.Text.Json.Nodes;
using Json.Schema;

namespace Vigil.Core.Imports.Osv;

/// <summary>
/// Turns JsonSchema.Net's hierarchical output into the errors a person needs. The raw output also holds
/// failures that are not errors: the <c>if</c> of an if/then, items that did not match a satisfied
/// <c>contains</c>, the alternatives of a <c>oneOf</c> that was satisfied by another one. Those are
/// skipped. A <c>oneOf</c> matched more than once, and a rule that fails without a message of its own
/// (a <c>then</c> whose <c>not</c> matched), are described with the schema's title for the rule.
/// </summary>
internal static class OsvSchemaErrors
{
    public static List<OsvSchemaError> From(EvaluationResults root, JsonObject schema)
    {
        var errors = new List<OsvSchemaError>();
        Collect(root, schema, errors);
        return errors.Distinct().ToList();
    }

    private static void Collect(EvaluationResults node, JsonObject schema, List<OsvSchemaError> errors)
    {
        if (node.IsValid)
        {
            return;
        }
        var before = errors.Count;
        var instance = node.InstanceLocation.ToString();
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            // A failing `false` subschema (additionalProperties: false) has no keyword of its own.
            errors.Add(new OsvSchemaError(instance, keyword.Length > 0 ? keyword : LastKeyword(node), message));
        }
        var children = node.Details ?? [];
        var alternatives = children.Where(c => SecondLastSegment(c) == "oneOf").ToList();
        var matching = alternatives.Count(a => a.IsValid);
        if (matching > 1)
        {
            errors.Add(new OsvSchemaError(
                instance, "oneOf", $"matches {matching} of the alternatives; exactly one is allowed"));
        }
        foreach (var child in children.Where(c => !IsProbe(c) && (matching == 0 || !alternatives.Contains(c))))
        {
            Collect(child, schema, errors);
        }
        if (errors.Count == before)
        {
            errors.Add(
                new OsvSchemaError(instance, LastKeyword(node), Title(schema, node) ?? "does not satisfy the schema"));
        }
    }

    /// <summary>Evaluations whose failure is not an error: an if condition, or an item tried against
    /// contains.</summary>
    private static bool IsProbe(EvaluationResults node) => LastSegment(node) is "if" or "contains";

    private static string LastKeyword(EvaluationResults node) =>
        Segments(node).LastOrDefault(s => !s.All(char.IsAsciiDigit)) ?? "schema";

    private static string? LastSegment(EvaluationResults node) => Segments(node).LastOrDefault();

    private static string? SecondLastSegment(EvaluationResults node) =>
        Segments(node) is { Length: > 1 } s ? s[^2] : null;

    private static string[] Segments(EvaluationResults node) =>
        node.EvaluationPath.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The nearest "title" along the rule's path in the schema (path segments that are not schema keys are
    /// skipped).</summary>
    private static string? Title(JsonObject schema, EvaluationResults node)
    {
        var chain = new List<JsonNode> { schema };
        foreach (var segment in Segments(node))
        {
            var next = chain[^1] switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when int.TryParse(segment, out var i) && i < array.Count => array[i],
                _ => null,
            };
            if (next is not null)
            {
                chain.Add(next);
            }
        }
        return chain.AsEnumerable()
            .Reverse()
            .Select(n => (n as JsonObject)?["title"]?.GetValue<string>())
            .FirstOrDefault(t => t is not null);
    }
}
