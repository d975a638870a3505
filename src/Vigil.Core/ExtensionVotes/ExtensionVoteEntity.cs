namespace Vigil.Core.ExtensionVotes;

public enum VoteOutcome
{
    Open = 0,
    Approved = 1,
    Refused = 2,
}

/// <summary>
/// A vote on moving a report's publication deadline (docs/disclosure.md, votes): "every triage team member and the
/// reporter have one vote each; a majority of votes cast decides, and the vote itself is recorded".
/// The reason is people's text, so it is sealed with the report's key.
/// </summary>
public sealed class ExtensionVoteEntity
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public required byte[] SealedReason { get; set; }
    public DateTimeOffset ProposedDueAt { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public VoteOutcome Outcome { get; set; }
    public int Yes { get; set; }
    public int No { get; set; }
    public int Eligible { get; set; }
}

/// <summary>
/// One voter's ballot: an account, or the anonymous reporter (by follow-up token, <see cref="Voter"/> = <see
/// cref="Guid.Empty"/>).
/// </summary>
public sealed class ExtensionBallotEntity
{
    public long Id { get; set; }
    public long VoteId { get; set; }

    /// <summary>
    /// The voting account; <see cref="Guid.Empty"/> is the anonymous reporter, of whom a report has one.
    /// </summary>
    public Guid Voter { get; set; }

    /// <summary>"reporter" or "team": the capacity in which the ballot was cast.</summary>
    public required string Capacity { get; set; }
    public bool InFavour { get; set; }
    public DateTimeOffset CastAt { get; set; }
}
