using System.Text.Json;

namespace Vigil.Core.Reports;

/// <summary>The private text of a report, sealed as one JSON document (<see cref="ReportVault"/>).</summary>
public sealed record ReportContent(string Title, string Description, string? ProofOfConcept, string? ReporterEmail, string? CreditName)
{
    internal const string Purpose = "vigil:report-content:v1";
    internal const string EventPurpose = "vigil:report-event:v1";

    internal byte[] Seal(byte[] dataKey) => ReportVault.Seal(dataKey, JsonSerializer.Serialize(this, JsonSerializerOptions.Web), Purpose);

    internal static ReportContent Open(byte[] dataKey, byte[] sealedContent) =>
        JsonSerializer.Deserialize<ReportContent>(ReportVault.Open(dataKey, sealedContent, Purpose), JsonSerializerOptions.Web)
        ?? throw new InvalidDataException("A report's sealed content is empty.");
}
