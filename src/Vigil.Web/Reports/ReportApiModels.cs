using Vigil.Core.Reports;

namespace Vigil.Web.Reports;

public sealed record ReportPackageBody(string? Ecosystem, string? Name, string? AffectedVersions);

/// <summary>
/// A new report. <c>reporterEmail</c> is optional (notifications for anonymous reporters); <c>creditName</c> is how to
/// credit the finder.
/// </summary>
public sealed record SubmitReportBody(
    List<ReportPackageBody>? Packages,
    string? Title,
    string? Description,
    string? ProofOfConcept,
    string? CvssVector,
    string? Cwe,
    string? ReporterEmail,
    string? CreditName,
    Guid? OnBehalfOf)
{
    public SubmitReportRequest ToRequest() => new(
        (Packages ?? []).Select(p => new ReportPackageInput(p.Ecosystem ?? "", p.Name ?? "", p.AffectedVersions ?? ""))
            .ToList(),
        Title ?? "", Description ?? "", ProofOfConcept, CvssVector, Cwe, ReporterEmail, CreditName, OnBehalfOf);
}

/// <summary>
/// The answer to a submission. <c>followUpToken</c> is shown once, to an anonymous reporter: keep it, it is the only
/// way back to the report.
/// </summary>
/// <param name="HeldForReview">The program reviews reports below its minimum signal before they join its queue
/// (docs/community.md).</param>
public sealed record SubmittedReportBody(long Id, string Url, string? FollowUpToken, DateTimeOffset TriageDueAt,
    bool HeldForReview = false);

/// <param name="Anonymous">true: the advisory credits "Anonymous" instead of your name; false: your name again.</param>
public sealed record AnonymousCreditBody(bool Anonymous = true);

public sealed record CommentBody(string? Text, bool Internal = false);

public sealed record CommentCreatedBody(long Id);

public sealed record RejectBody(string? Reason, long? DuplicateOf, string? Note);

/// <summary>
/// One triage answer for several new reports: <c>reject</c> with a reason, or <c>needs-information</c> with the
/// question in <c>text</c>.
/// </summary>
public sealed record BulkTriageBody(IReadOnlyList<long>? Ids, string? Action, string? Reason, string? Text);

public sealed record BulkTriagedBody(IReadOnlyList<long> Triaged);

/// <summary>
/// Merge a group of possible duplicates: the members to close (default: every one awaiting triage) and a note to their
/// reporters.
/// </summary>
public sealed record MergeDuplicatesBody(IReadOnlyList<long>? Members, string? Note);

public sealed record QuestionBody(string? Question);

public sealed record InviteBody(Guid? UserId, string? Email);

/// <summary>
/// <c>invitationUrl</c>: the secret link e-mailed to a maintainer invited by address (null when invited by account).
/// </summary>
public sealed record InvitationCreatedBody(long ParticipantId, string? InvitationUrl);

public sealed record InvitationBody(string? Token);

public sealed record FixedBody(Dictionary<string, string>? FixedVersions, bool ConfirmNarrowerRange = false);

public sealed record ReasonBody(string? Reason);

public sealed record DisclosureDateBody(DateTimeOffset? Date);

public sealed record PublishedBody(string AdvisoryId, string Url);

/// <summary>
/// The body of <c>POST /api/reports/{id}/publish</c>, optional: <c>revision</c> is the report's revision from the
/// publication preview the caller reviewed; with it, a report changed since is not published (409).
/// </summary>
public sealed record PublishBody(int? Revision);

/// <summary>One point that speaks against publishing now: <c>before-disclosure</c>, <c>no-fix</c> (with the
/// package) or <c>no-cve</c>.</summary>
public sealed record PublicationWarningBody(string Code, string Detail, string? Package = null);

/// <summary>What <c>POST /api/reports/{id}/publish</c> would put into the public database (docs/api.md);
/// <see cref="Advisory"/> is the OSV record as the OSV API would serve it.</summary>
public sealed record PublicationPreviewBody(
    long ReportId,
    int Revision,
    string ExpectedId,
    System.Text.Json.JsonElement Advisory,
    string? CveId,
    DateTimeOffset? DisclosureAt,
    DateTimeOffset? PublicationDueAt,
    IReadOnlyList<PublicationWarningBody> Warnings);

public sealed record ExtensionRequestBody(string? Reason, DateTimeOffset? ProposedDueAt);

public sealed record BallotBody(bool? InFavour);

/// <summary>
/// The advisory's credits (OSV types; <c>userId</c> lets that account decline) and references (OSV types, http(s)
/// URLs); replaces what was set.
/// </summary>
public sealed record CreditsBody(List<CreditInput>? Credits, List<ReferenceInput>? References);

/// <summary>
/// <c>action</c>: <c>request</c> (asked of a CNA), <c>reserve</c> (the next id of the program's block) or <c>record</c>
/// (an id assigned elsewhere, in <c>cveId</c>).
/// </summary>
public sealed record CveBody(string? Action, string? CveId);

/// <summary>
/// A correction of a published advisory (docs/publication.md, "Corrections"); a field left out stays as published.
/// <c>reason</c> is published.
/// </summary>
public sealed record CorrectionBody(
    string? Reason,
    List<CorrectedPackageBody>? Packages,
    string? CvssVector,
    List<ReferenceBody>? References,
    List<CreditBody>? Credits,
    string? Summary,
    string? Details,
    bool ConfirmNarrowerRange = false)
{
    public Core.Publication.AdvisoryCorrection ToCorrection() => new(
        Reason ?? "",
        Packages?.Select(p =>
            new Core.Publication.CorrectedPackage(p.Ecosystem ?? "", p.Name ?? "", p.AffectedVersions ?? "",
            p.FixedVersions)).ToList(),
        CvssVector,
        References?.Select(r => new Core.Publication.DraftReference(r.Type ?? "", r.Url ?? "")).ToList(),
        Credits?.Select(c => new Core.Publication.DraftCredit(c.Name ?? "", c.Type ?? "")).ToList(),
        Summary,
        Details,
        ConfirmNarrowerRange);
}

public sealed record CorrectedPackageBody(string? Ecosystem, string? Name, string? AffectedVersions,
    string? FixedVersions);

public sealed record ReferenceBody(string? Type, string? Url);

public sealed record CreditBody(string? Name, string? Type);
