namespace Vigil.Core.Bounties;

public sealed record BountyShareView(
    string Recipient,
    Guid? UserId,
    decimal Amount,
    string State,
    DateTimeOffset? PaidAt,
    DateTimeOffset? DeclinedAt,
    bool ShowPublicly);

/// <summary>A report's bounty as the caller may see it: the team sees every share, a recipient only their
/// own.</summary>
public sealed record BountyView(
    long ReportId,
    string Currency,
    string Severity,
    string? Reason,
    DateTimeOffset AwardedAt,
    IReadOnlyList<BountyShareView> Shares)
{
    public decimal Total => Shares.Sum(s => s.Amount);

    internal static BountyShareView Share(BountyPaymentEntity p) =>
        new(p.Recipient.Name(), p.UserId, p.Amount, p.State.Name(), p.PaidAt, p.DeclinedAt, p.ShowPublicly);
}
