namespace Vigil.Core.Reports;

/// <summary>Where a report is in the process (docs/disclosure.md, states).</summary>
public enum ReportState
{
    New = 1,
    NeedsMoreInformation = 2,
    Rejected = 3,
    Accepted = 4,
    MaintainersNotified = 5,
    FixInProgress = 6,
    Fixed = 7,
    Published = 8,
    Withdrawn = 9,

    /// <summary>Closed: the team accepted a maintainer's dispute that the package is not affected (VEX).</summary>
    NotAffected = 10,
}

/// <summary>Why a report was rejected at triage.</summary>
public enum RejectionReason
{
    NotApplicable = 1,
    Informative = 2,
    Duplicate = 3,
    Spam = 4,
}

public static class ReportStates
{
    /// <summary>
    /// Every legal move: new → needs more information ⇄ new; new → rejected or accepted; accepted →
    /// maintainers notified → fix in progress → fixed; accepted … fixed → published (by the team, at the
    /// agreed date or at the deadline); published → withdrawn; accepted … fixed → not affected (the team accepts a
    /// maintainer's dispute covering every reported version: docs/disclosure.md, "Disputes").
    /// </summary>
    public static readonly IReadOnlySet<(
        ReportState From, ReportState To)> Transitions = new HashSet<(ReportState, ReportState)>
    {
        (ReportState.New, ReportState.NeedsMoreInformation),
        (ReportState.NeedsMoreInformation, ReportState.New),
        (ReportState.New, ReportState.Rejected),
        (ReportState.New, ReportState.Accepted),
        (ReportState.Accepted, ReportState.MaintainersNotified),
        (ReportState.MaintainersNotified, ReportState.FixInProgress),
        (ReportState.FixInProgress, ReportState.Fixed),
        (ReportState.Accepted, ReportState.Published),
        (ReportState.MaintainersNotified, ReportState.Published),
        (ReportState.FixInProgress, ReportState.Published),
        (ReportState.Fixed, ReportState.Published),
        (ReportState.Published, ReportState.Withdrawn),
        (ReportState.Accepted, ReportState.NotAffected),
        (ReportState.MaintainersNotified, ReportState.NotAffected),
        (ReportState.FixInProgress, ReportState.NotAffected),
        (ReportState.Fixed, ReportState.NotAffected),
    };

    public static bool CanMove(ReportState from, ReportState to) => Transitions.Contains((from, to));

    /// <summary>Open reports still need the team: not rejected, published, withdrawn or closed not affected.</summary>
    public static bool IsOpen(ReportState state) =>
        state is not (ReportState.Rejected or ReportState.Published or ReportState.Withdrawn
            or ReportState.NotAffected);

    /// <summary>The open states, for queries (<see cref="IsOpen"/> as a list).</summary>
    public static readonly ReportState[] Open = Enum.GetValues<ReportState>().Where(IsOpen).ToArray();

    /// <summary>Accepted and not yet public: the publication clock runs.</summary>
    public static bool IsEmbargoed(ReportState state) =>
        state is ReportState.Accepted or ReportState.MaintainersNotified or ReportState.FixInProgress
            or ReportState.Fixed;

    /// <summary>The wire form: kebab-case (<c>needs-more-information</c>).</summary>
    public static string Name(this ReportState state) => state switch
    {
        ReportState.New => "new",
        ReportState.NeedsMoreInformation => "needs-more-information",
        ReportState.Rejected => "rejected",
        ReportState.Accepted => "accepted",
        ReportState.MaintainersNotified => "maintainers-notified",
        ReportState.FixInProgress => "fix-in-progress",
        ReportState.Fixed => "fixed",
        ReportState.Published => "published",
        ReportState.NotAffected => "not-affected",
        _ => "withdrawn",
    };

    public static string Name(this RejectionReason reason) => reason switch
    {
        RejectionReason.NotApplicable => "not-applicable",
        RejectionReason.Informative => "informative",
        RejectionReason.Duplicate => "duplicate",
        _ => "spam",
    };

    public static bool TryParseReason(string? value, out RejectionReason reason)
    {
        foreach (var candidate in Enum.GetValues<RejectionReason>())
        {
            if (candidate.Name() == value)
            {
                reason = candidate;
                return true;
            }
        }
        reason = default;
        return false;
    }
}
