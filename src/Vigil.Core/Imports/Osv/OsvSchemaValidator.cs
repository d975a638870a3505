using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Vigil.Core.Imports.Osv;

/// <summary>One way a document breaks the schema: where (JSON pointer into the document), which keyword, and the
/// validator's words.</summary>
public sealed record OsvSchemaError(string Pointer, string Keyword, string Message)
{
    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: {Keyword}: {Message}";
}

/// <summary>
/// Validates OSV documents against the OSV schema 1.7.5 (ossf/osv-schema tag v1.7.5,
/// <c>validation/schema.json</c>, Apache-2.0), shipped inside this assembly so no network or
/// other file is needed.
/// <para>
/// <see cref="Published"/> is the schema exactly as released. <see cref="Default"/> differs in one
/// place: the schema's <c>$defs/prefix</c> only admits the id prefixes of databases registered with
/// OSV (GHSA-, PYSEC-, …), so it rejects every self-hosted database — Vigil's own ids and the Node.js
/// WG's <c>NSWG-ECO-</c>/<c>NSWG-COR-</c> ids (Vigil keeps those). <see cref="Default"/> accepts
/// any <c>PREFIX-</c> id instead; the schema's main branch has since added a local-database prefix
/// for the same reason. Everything else is checked as published.
/// </para>
/// </summary>
public sealed class OsvSchemaValidator
{
    public const string SchemaVersion = "1.7.5";
    internal const string ResourceName = "Vigil.Core.Imports.Osv.schema-v1.7.5.json";

    /// <summary>Any id of the form <c>PREFIX-…</c> whose prefix starts with a letter.</summary>
    internal const string LocalIdPattern = "^[A-Za-z][A-Za-z0-9._]*-";

    private static readonly Lazy<OsvSchemaValidator> PublishedInstance = new(() => Create(relaxIds: false));
    private static readonly Lazy<OsvSchemaValidator> DefaultInstance = new(() => Create(relaxIds: true));

    // The flag format stops at the first failure (fast path); only a failing document is evaluated again for its
    // errors.
    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly JsonSchema _schema;

    private OsvSchemaValidator(JsonSchema schema, JsonObject text)
    {
        _schema = schema;
        SchemaText = text;
    }

    /// <summary>The schema exactly as released.</summary>
    public static OsvSchemaValidator Published => PublishedInstance.Value;

    /// <summary>The released schema, except that ids may carry any database prefix (see the class remarks).</summary>
    public static OsvSchemaValidator Default => DefaultInstance.Value;

    /// <summary>The schema document this validator uses (read-only by convention).</summary>
    internal JsonObject SchemaText { get; }

    /// <summary>Empty when the document is valid; otherwise the failing locations, innermost reasons
    /// first-found.</summary>
    public IReadOnlyList<OsvSchemaError> Validate(JsonElement document)
    {
        if (_schema.Evaluate(document, Quick).IsValid)
        {
            return [];
        }
        return OsvSchemaErrors.From(_schema.Evaluate(document, Detailed), SchemaText);
    }

    /// <summary>The raw schema text as shipped (for tools that want to hand it on).</summary>
    public static string ReadSchemaText()
    {
        using var stream = typeof(OsvSchemaValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded OSV schema '{ResourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static OsvSchemaValidator Create(bool relaxIds)
    {
        var root = JsonNode.Parse(ReadSchemaText())!.AsObject();
        if (relaxIds)
        {
            root["$defs"]!["prefix"]!["pattern"] = LocalIdPattern;
            // A distinct $id keeps the two variants apart in any schema registry.
            root["$id"] = "urn:vigil:osv-schema:1.7.5:local-ids";
        }
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var schema = JsonSchema.Build(JsonSerializer.SerializeToElement(root), options);
        return new OsvSchemaValidator(schema, root);
    }
}
