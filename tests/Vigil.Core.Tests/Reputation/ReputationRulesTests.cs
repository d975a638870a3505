using Vigil.Core.Reports;
using Vigil.Core.Reputation;

namespace Vigil.Core.Tests.Reputation;

/// <summary>Reputation: the reputation table, one row per state and rejection reason.</summary>
public class ReputationRulesTests
{
    [Theory]
    [InlineData(ReportState.New, null, null, null, null)]
    [InlineData(ReportState.NeedsMoreInformation, null, null, null, null)]
    [InlineData(ReportState.Accepted, null, "accepted", 2, false)]
    [InlineData(ReportState.MaintainersNotified, null, "accepted", 2, false)]
    [InlineData(ReportState.FixInProgress, null, "accepted", 2, false)]
    [InlineData(ReportState.Fixed, null, "accepted", 2, false)]
    [InlineData(ReportState.Published, null, "published", 7, true)]
    [InlineData(ReportState.Withdrawn, null, "withdrawn", 0, true)]
    [InlineData(ReportState.NotAffected, null, "not-affected", 0, true)]
    [InlineData(ReportState.Rejected, RejectionReason.Duplicate, "duplicate", 1, true)]
    [InlineData(ReportState.Rejected, RejectionReason.Informative, "informative", 0, true)]
    [InlineData(ReportState.Rejected, RejectionReason.NotApplicable, "not-applicable", -5, true)]
    [InlineData(ReportState.Rejected, RejectionReason.Spam, "spam", -10, true)]
    public void For_StateAndReason_GivesTheTablesRule(ReportState state, RejectionReason? reason, string? outcome,
        int? points, bool? final)
    {
        var rule = ReputationRules.For(state, reason);

        Assert.Equal(outcome, rule?.Outcome);
        Assert.Equal(points, rule?.Points);
        Assert.Equal(final, rule?.Final);
    }

    [Fact]
    public void Table_ValidOutcomesUp_InvalidDown_NeutralInBetween()
    {
        Assert.Equal(7, ReputationRules.MaxPoints);
        Assert.Equal(-10, ReputationRules.MinPoints);
        Assert.All(ReputationRules.Table,
            r => Assert.Contains(r, ReputationRules.Table.Where(t => t.Outcome == r.Outcome)));
        Assert.Equal(ReputationRules.Table.Count, ReputationRules.Table.Select(r => r.Outcome).Distinct().Count());
        Assert.True(ReputationRules.Published.Points > ReputationRules.Accepted.Points);
        Assert.True(ReputationRules.Duplicate.Points is > 0 and < 2 && ReputationRules.Informative.Points == 0);
        Assert.True(
            ReputationRules.Spam.Points < ReputationRules.NotApplicable.Points
                && ReputationRules.NotApplicable.Points < 0);
    }
}
