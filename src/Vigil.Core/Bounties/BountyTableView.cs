namespace Vigil.Core.Bounties;

public sealed record BountyRangeView(string Severity, decimal Min, decimal Max);

/// <summary>A program's bounty table as the public (and the API) sees it: nothing in it is private.</summary>
public sealed record BountyTableView(
    string Program,
    string Currency,
    IReadOnlyList<BountyRangeView> Ranges,
    string? InScope,
    string? OutOfScope,
    bool PaysFixer,
    DateTimeOffset UpdatedAt)
{
    internal static BountyTableView From(string slug, BountyTableEntity table) => new(
        slug, table.Currency,
        table.Ranges.OrderBy(r => Array.IndexOf(BountyTableInput.Severities, r.Severity))
            .Select(r => new BountyRangeView(r.Severity, r.Min, r.Max))
            .ToList(),
        table.InScope, table.OutOfScope, table.PaysFixer, table.UpdatedAt);
}
