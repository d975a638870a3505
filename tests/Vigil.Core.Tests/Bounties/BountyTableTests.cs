using Vigil.Core.Bounties;
using Vigil.Core.Community;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Bounties;

/// <summary>Bounties: the program's bounty table, set by its admins, validated, stated in SECURITY.md.</summary>
public class BountyTableTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Set_ValidTable_RoundTripsAndDescribesSecurityMd(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.Run(db => new SetBountyTable(db, d.Clock).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin),
            BountyWorld.Table() with
            {
                Ranges = [new BountyRangeInput("critical", 2000m, 10000.5m), new BountyRangeInput("low", 0m, 99.99m)]
            },
            Ct));

        var table = await d.Run(db => new GetBountyTable(db).ExecuteAsync(Disclosure.Slug, Ct));
        var summary = await d.Run(
            async db => await new BountyPolicySummary(db).DescribeAsync(db.Programs.Single(), Ct));

        Assert.NotNull(table);
        Assert.Equal("EUR", table.Currency);
        Assert.Equal(["low 0-99.99", "critical 2000-10000.5"],
            table.Ranges.Select(r => $"{r.Severity} {r.Min:0.##}-{r.Max:0.##}"));
        Assert.True(table.PaysFixer);
        Assert.Contains("| critical | 2000–10000.5 EUR |", summary, StringComparison.Ordinal);
        Assert.Contains("Payment happens outside Vigil", summary, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string, decimal?, decimal?, string> Invalid => new()
    {
        { "eur", "high", 1m, 2m, "currency" },
        { "XYZ", "high", 1m, 2m, "currency" },
        { null, "high", 1m, 2m, "currency" },
        { "EUR", "medium", 1m, 2m, "ranges[0].severity" },
        { "EUR", "urgent", 1m, 2m, "ranges[0].severity" },
        { "EUR", "high", -1m, 2m, "ranges[0].min" },
        { "EUR", "high", 1m, -2m, "ranges[0].max" },
        { "EUR", "high", 5m, 2m, "ranges[0].max" },
        { "EUR", "high", null, 2m, "ranges[0].min" },
        { "EUR", "high", 1m, 2_000_000_000m, "ranges[0].max" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Set_InvalidField_NamesItAndChangesNothing(string? currency, string severity, decimal? min,
        decimal? max, string field)
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => d.Run(db =>
            new SetBountyTable(db, d.Clock).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin),
                new BountyTableInput(currency, [new BountyRangeInput(severity, min, max)]), Ct)));

        Assert.Contains(field, error.Errors.Keys);
        Assert.Null(await d.Run(db => new GetBountyTable(db).ExecuteAsync(Disclosure.Slug, Ct)));
    }

    [Fact]
    public async Task Set_DuplicateSeverity_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => d.Run(db => new SetBountyTable(db, d.Clock).ExecuteAsync(Disclosure.Slug, Actor.User(d.Admin),
            new BountyTableInput("USD", [new BountyRangeInput("high", 1m, 2m), new BountyRangeInput("high", 3m, 4m)]),
            Ct)));

        Assert.Contains("appears twice", error.Errors["ranges[1].severity"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_ByTriagerOrWithoutTwoFactor_IsNotFound()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);

        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(
                    db =>
                        new SetBountyTable(db, d.Clock).ExecuteAsync(Disclosure.Slug, Actor.User(d.Triager),
                            BountyWorld.Table(), Ct)));
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(
                    db =>
                        new SetBountyTable(db, d.Clock).ExecuteAsync(Disclosure.Slug,
                            Actor.User(d.Admin, twoFactor: false), BountyWorld.Table(), Ct)));
    }

    [Fact]
    public async Task Describe_NoTable_IsNull()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);

        Assert.Null(
            await d.Run(
                async db =>
                    await ((IProgramBountySummary)new BountyPolicySummary(db)).DescribeAsync(db.Programs.Single(),
                        Ct)));
    }
}
