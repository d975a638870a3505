namespace Vigil.Core.Profiles;

/// <summary>
/// A published advisory that credits an account (docs/community.md, profiles): written when a report is published, for
/// the finder credit of a reporter with an account and for every credit the team tied to an account. Public data once
/// published; <see cref="Anonymous"/> rows are shown only to the account itself.
/// </summary>
public sealed class CreditedAdvisoryEntity
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public required string AdvisoryId { get; set; }
    public long ProgramId { get; set; }
    public long ReportId { get; set; }

    /// <summary>The OSV credit type (FINDER, REMEDIATION_DEVELOPER, …).</summary>
    public required string Type { get; set; }
    public bool Anonymous { get; set; }
    public DateTimeOffset CreditedAt { get; set; }
}
