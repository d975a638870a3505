using Vigil.Core.Reports;

namespace Vigil.Core.Reputation;

/// <summary>One row of the reputation table: an outcome, its points, and whether it is final (public).</summary>
public sealed record ReputationRule(string Outcome, int Points, bool Final, string Meaning);

/// <summary>
/// Reputation (docs/community.md): how a report's outcome moves its reporter's reputation. Valid reports earn points
/// (accepted +2 while the fix is pending, +7 once published), invalid ones cost points (not applicable −5,
/// spam −10), informative is neutral and a duplicate earns a little (+1: it was real, someone was first).
/// A report counts by its current state, so a decision that is reversed (a published advisory withdrawn)
/// moves the reputation with it. New reports and those waiting on the reporter have no outcome yet.
/// The table is shown on every program's page and in docs/community.md.
/// </summary>
public static class ReputationRules
{
    public static readonly ReputationRule Accepted = new("accepted", 2, false, "valid, fix and publication pending");
    public static readonly ReputationRule Published = new("published", 7, true, "valid and published as an advisory");
    public static readonly ReputationRule Withdrawn = new(
        "withdrawn", 0, true, "published, then withdrawn as not a vulnerability");
    public static readonly ReputationRule Duplicate = new("duplicate", 1, true, "real, but someone reported it first");
    public static readonly ReputationRule Informative = new(
        "informative", 0, true, "useful information, no vulnerability to fix");
    public static readonly ReputationRule NotApplicable = new(
        "not-applicable", -5, true, "not a vulnerability, or out of scope");
    public static readonly ReputationRule NotAffected = new(
        "not-affected", 0, true, "accepted, then shown not to affect the package (a maintainer's dispute)");
    public static readonly ReputationRule Spam = new("spam", -10, true, "spam or abuse");

    /// <summary>Every rule, best first: the table as documented.</summary>
    public static readonly IReadOnlyList<ReputationRule> Table = [
        Published, Accepted, Duplicate, Informative, NotAffected, Withdrawn, NotApplicable, Spam];

    /// <summary>The highest and lowest points one report can earn: the bounds of a signal.</summary>
    public static readonly int MaxPoints = Table.Max(r => r.Points);
    public static readonly int MinPoints = Table.Min(r => r.Points);

    /// <summary>The rule a report's state and rejection reason fall under, or null while it has no outcome.</summary>
    public static ReputationRule? For(ReportState state, RejectionReason? reason) => state switch
    {
        ReportState.Published => Published,
        ReportState.Withdrawn => Withdrawn,
        ReportState.NotAffected => NotAffected,
        ReportState.Accepted or ReportState.MaintainersNotified or ReportState.FixInProgress or ReportState.Fixed =>
            Accepted,
        ReportState.Rejected => reason switch
        {
            RejectionReason.Duplicate => Duplicate,
            RejectionReason.Informative => Informative,
            RejectionReason.Spam => Spam,
            _ => NotApplicable,
        },
        _ => null,
    };
}
