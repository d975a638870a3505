using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Web.Tests.Vex;

/// <summary>
/// The shape of an OpenVEX v0.2.0 document, field by field as the specification (OPENVEX-SPEC.md, "Document" and
/// "Statement" field tables) and its JSON schema define them: every problem found, named by its path.
/// </summary>
public static class OpenVexShape
{
    // "A VEX document ... MUST contain: @context, @id, author, timestamp, version, statements" (OpenVEX v0.2.0).
    private static readonly string[] DocumentRequired = ["@context", "@id", "author", "timestamp", "version",
        "statements"];
    private static readonly string[] DocumentFields = [.. DocumentRequired, "role", "last_updated", "tooling"];
    private static readonly string[] StatementFields = ["@id", "version", "vulnerability", "timestamp",
        "last_updated", "products", "status", "supplier", "status_notes", "justification", "impact_statement",
        "action_statement", "action_statement_timestamp"];
    private static readonly string[] VulnerabilityFields = ["@id", "name", "description", "aliases"];
    private static readonly string[] ProductFields = ["@id", "identifiers", "hashes", "subcomponents"];
    private static readonly string[] IdentifierFields = ["purl", "cpe22", "cpe23"];
    private static readonly string[] Statuses = ["not_affected", "affected", "fixed", "under_investigation"];
    private static readonly string[] Justifications = ["component_not_present", "vulnerable_code_not_present",
        "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary",
        "inline_mitigations_already_exist"];

    public static IReadOnlyList<string> Problems(JsonNode? root)
    {
        var problems = new List<string>();
        if (root is not JsonObject document)
        {
            return ["the document is not a JSON object"];
        }
        Fields(document, "", DocumentRequired, DocumentFields, problems);
        if (document["@context"]?.GetValue<string>() != "https://openvex.dev/ns/v0.2.0")
        {
            problems.Add("@context: not https://openvex.dev/ns/v0.2.0");
        }
        Iri(document["@id"], "@id", problems);
        Time(document["timestamp"], "timestamp", problems);
        if (document["version"] is not JsonValue version || !version.TryGetValue<int>(out var v) || v < 1)
        {
            problems.Add("version: not an integer of at least 1");
        }
        if (document["statements"] is not JsonArray { Count: > 0 } statements)
        {
            problems.Add("statements: not an array of at least one statement");
            return problems;
        }
        for (var i = 0; i < statements.Count; i++)
        {
            Statement(statements[i] as JsonObject, $"statements[{i}]", problems);
        }
        return problems;
    }

    private static void Statement(JsonObject? statement, string path, List<string> problems)
    {
        if (statement is null)
        {
            problems.Add($"{path}: not an object");
            return;
        }
        Fields(statement, path, ["vulnerability", "status"], StatementFields, problems);
        if (statement["vulnerability"] is JsonObject vulnerability)
        {
            Fields(vulnerability, $"{path}.vulnerability", ["name"], VulnerabilityFields, problems);
        }
        else
        {
            problems.Add($"{path}.vulnerability: not an object");
        }
        if (statement["timestamp"] is { } timestamp)
        {
            Time(timestamp, $"{path}.timestamp", problems);
        }
        var status = statement["status"]?.GetValue<string>();
        if (!Statuses.Contains(status))
        {
            problems.Add($"{path}.status: '{status}' is not a VEX status");
        }
        var justification = statement["justification"]?.GetValue<string>();
        if (justification is not null && !Justifications.Contains(justification))
        {
            problems.Add($"{path}.justification: '{justification}' is not a VEX justification");
        }
        // "For statements conveying a not_affected status, a VEX statement MUST include either a status justification
        // or an impact_statement informing why the product is not affected by the vulnerability."
        if (status == "not_affected" && justification is null && statement["impact_statement"] is null)
        {
            problems.Add($"{path}: not_affected without a justification or an impact_statement");
        }
        if (statement["products"] is not JsonArray { Count: > 0 } products)
        {
            problems.Add($"{path}.products: no product");
            return;
        }
        for (var i = 0; i < products.Count; i++)
        {
            var where = $"{path}.products[{i}]";
            if (products[i] is not JsonObject product)
            {
                problems.Add($"{where}: not an object");
                continue;
            }
            Fields(product, where, ["@id"], ProductFields, problems);
            var id = product["@id"]?.GetValue<string>() ?? "";
            if (!PackageUrl.TryParse(id, out var purl, out _) || purl is null)
            {
                problems.Add($"{where}.@id: '{id}' is not a package URL");
            }
            if (product["identifiers"] is JsonObject identifiers)
            {
                Fields(identifiers, $"{where}.identifiers", [], IdentifierFields, problems);
            }
        }
    }

    private static void Fields(JsonObject node, string path, string[] required, string[] allowed,
        List<string> problems)
    {
        problems.AddRange(required.Where(f => node[f] is null).Select(f => $"{path}.{f}: missing"));
        problems.AddRange(node.Select(p => p.Key).Where(k => !allowed.Contains(k))
            .Select(k => $"{path}.{k}: not an OpenVEX field"));
    }

    private static void Iri(JsonNode? node, string path, List<string> problems)
    {
        if (node?.GetValue<string>() is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            problems.Add($"{path}: not an absolute IRI");
        }
    }

    private static void Time(JsonNode? node, string path, List<string> problems)
    {
        if (node?.GetValue<string>() is not { } text || !DateTimeOffset.TryParseExact(text,
            ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out _))
        {
            problems.Add($"{path}: not an RFC 3339 date-time");
        }
    }
}
