using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;

namespace Vigil.Core.Tests.Advisories;

public class UpsertAdvisoriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_SameBatchTwice_AddsOnceThenLeavesUnchanged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var batch = new[] { Store(Sample("VIGIL-1", "<1.2.3")), Store(Sample("VIGIL-2", ">=2.0.0 <2.0.5")) };

        var first = await Upsert(database, batch);
        var second = await Upsert(database, batch);

        Assert.Equal(new UpsertOutcome(2, 0, 0), first);
        Assert.Equal(new UpsertOutcome(0, 0, 2), second);
        await using var context = database.Open();
        Assert.Equal(2, await context.Advisories.CountAsync(Ct));
        Assert.Equal(2, await context.AffectedPackages.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ChangedDocument_UpdatesInPlaceAndKeepsNumber(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Upsert(database, [Store(Sample("VIGIL-1", "<1.2.3"))]);
        long number;
        await using (var context = database.Open())
        {
            number = (await context.Advisories.SingleAsync(Ct)).Number;
        }

        var changed = Sample("VIGIL-1", "<1.2.4");
        changed.Modified = changed.Modified.AddDays(1);
        var outcome = await Upsert(database, [Store(changed)]);

        Assert.Equal(new UpsertOutcome(0, 1, 0), outcome);
        await using (var context = database.Open())
        {
            var stored = await context.Advisories.Include(a => a.Affected).Include(a => a.Aliases).SingleAsync(Ct);
            Assert.Equal(number, stored.Number);
            Assert.Equal(changed.Modified, stored.Modified);
            Assert.Equal("<1.2.4", Assert.Single(stored.Affected).NpmRange);
            Assert.Equal("CVE-2099-0001", Assert.Single(stored.Aliases).Alias);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetAdvisory_ByAlias_FindsTheAdvisory(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Upsert(database, [Store(Sample("VIGIL-7", "<1.0.0"))]);
        await using var context = database.Open();

        var found = await new GetAdvisory(context).ExecuteAsync("CVE-2099-0001", Ct);
        var missing = await new GetAdvisory(context).ExecuteAsync("vigil-7", Ct);

        Assert.Equal("VIGIL-7", found?.Vulnerability.Id);
        Assert.Null(missing);
    }

    private static async Task<UpsertOutcome> Upsert(TestDatabase database, IReadOnlyList<AdvisoryToStore> batch)
    {
        await using var context = database.Open();
        return await new UpsertAdvisories(context, TimeProvider.System).ExecuteAsync(batch, Ct);
    }

    private static AdvisoryToStore Store(OsvVulnerability vulnerability) => new(vulnerability, "test");

    private static OsvVulnerability Sample(string id, string npmRange) => new()
    {
        SchemaVersion = OsvVulnerability.CurrentSchemaVersion,
        Id = id,
        Modified = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Aliases = ["CVE-2099-0001"],
        Summary = "Prototype pollution",
        Affected =
        [
            new OsvAffected
            {
                Package = new OsvPackage { Ecosystem = "npm", Name = "left-pad" },
                DatabaseSpecific = new() { ["vulnerable_versions"] = npmRange },
            },
        ],
    };
}
