using System.Text.Json;

namespace Vigil.Core.Reports;

/// <summary>
/// The private text of a report, sealed as one JSON document (<see cref="ReportVault"/>). The credits and
/// references the advisory will carry are private until publication too, so they live here.
/// </summary>
public sealed record ReportContent(
    string Title, string Description, string? ProofOfConcept, string? ReporterEmail, string? CreditName)
{
    /// <summary>The reporter declined the finder credit (<see cref="CreditName"/> is then not published).</summary>
    public bool FinderCreditDeclined { get; init; }

    /// <summary>The reporter keeps the finder credit but anonymous: the advisory says "Anonymous", their profile shows
    /// it only to them.</summary>
    public bool FinderCreditAnonymous { get; init; }

    /// <summary>Credits the team adds (coordinator, remediation developer, …).</summary>
    public IReadOnlyList<ReportCredit> Credits { get; init; } = [];

    /// <summary>References the advisory will carry (the fix commit, the release notes, …).</summary>
    public IReadOnlyList<Publication.DraftReference> References { get; init; } = [];

    internal const string Purpose = "vigil:report-content:v1";
    internal const string EventPurpose = "vigil:report-event:v1";

    internal byte[] Seal(byte[] dataKey) =>
        ReportVault.Seal(dataKey, JsonSerializer.Serialize(this, JsonSerializerOptions.Web), Purpose);

    internal static ReportContent Open(byte[] dataKey, byte[] sealedContent) =>
        JsonSerializer.Deserialize<ReportContent>(
            ReportVault.Open(dataKey, sealedContent, Purpose), JsonSerializerOptions.Web)
        ?? throw new InvalidDataException("A report's sealed content is empty.");
}

/// <summary>A credit on the advisory; <see cref="UserId"/> is the credited account, which may decline it or make it
/// anonymous.</summary>
public sealed record ReportCredit(
    string Name, string Type, Guid? UserId = null, bool Declined = false, bool Anonymous = false)
{
    /// <summary>What an anonymous credit publishes instead of the name.</summary>
    public const string AnonymousName = "Anonymous";
}
