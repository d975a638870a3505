namespace Vigil.Core.Bounties;

/// <summary>
/// A program's bounty table (docs/bounties.md): an amount range per severity in one currency, what is in and
/// out of scope, and whether the maintainer who fixes is paid too. Vigil records amounts only: it calls no
/// payment provider.
/// </summary>
public sealed class BountyTableEntity
{
    public long Id { get; set; }
    public long ProgramId { get; set; }

    /// <summary>ISO 4217 code, upper case (<c>EUR</c>).</summary>
    public required string Currency { get; set; }
    public string? InScope { get; set; }
    public string? OutOfScope { get; set; }

    /// <summary>Whether a share may go to the maintainer who fixes (the finder is always paid).</summary>
    public bool PaysFixer { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<BountyRangeEntity> Ranges { get; set; } = [];
}

/// <summary>One row of a bounty table: the amounts for one severity word (low, moderate, high, critical).</summary>
public sealed class BountyRangeEntity
{
    public long Id { get; set; }
    public long TableId { get; set; }
    public required string Severity { get; set; }
    public decimal Min { get; set; }
    public decimal Max { get; set; }
}

/// <summary>The one bounty awarded on a report; its shares (<see cref="Payments"/>) go to the finder and, optionally,
/// the fixer.</summary>
public sealed class BountyAwardEntity
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public long ProgramId { get; set; }
    public required string Currency { get; set; }
    public required string Severity { get; set; }

    /// <summary>Why the total is outside the table's range for the severity; required then. Sealed at rest
    /// (<see cref="BountyReason"/>).</summary>
    public string? Reason { get; set; }
    public DateTimeOffset AwardedAt { get; set; }
    public Guid? AwardedBy { get; set; }
    public int Revision { get; set; }
    public List<BountyPaymentEntity> Payments { get; set; } = [];
}

public enum BountyRecipient
{
    Finder = 1,
    Fixer = 2,
}

/// <summary>awarded → paid (the team records it), or awarded → declined (by the recipient).</summary>
public enum BountyPaymentState
{
    Awarded = 1,
    Paid = 2,
    Declined = 3,
}

/// <summary>One recipient's share of an award and where its payment stands.</summary>
public sealed class BountyPaymentEntity
{
    public long Id { get; set; }
    public long AwardId { get; set; }
    public BountyRecipient Recipient { get; set; }

    /// <summary>The recipient's account; null for an anonymous finder (who acts with the report's follow-up
    /// token).</summary>
    public Guid? UserId { get; set; }
    public decimal Amount { get; set; }
    public BountyPaymentState State { get; set; } = BountyPaymentState.Awarded;
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? DeclinedAt { get; set; }

    /// <summary>The recipient agreed that the amount is shown on the hacktivity page (default: hidden).</summary>
    public bool ShowPublicly { get; set; }
}

public static class BountyNames
{
    public static string Name(this BountyRecipient recipient) =>
        recipient == BountyRecipient.Finder ? "finder" : "fixer";

    public static string Name(this BountyPaymentState state) => state switch
    {
        BountyPaymentState.Awarded => "awarded",
        BountyPaymentState.Paid => "paid",
        _ => "declined",
    };

    public static bool TryParseRecipient(string? value, out BountyRecipient recipient)
    {
        recipient = value switch { "finder" => BountyRecipient.Finder, "fixer" => BountyRecipient.Fixer, _ => 0 };
        return recipient != 0;
    }
}
