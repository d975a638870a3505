using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Publication;

namespace Vigil.Core.Tests.Publication;

public class PublishAdvisoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider, string?, string?, string, string> RangeCases => Cases(
        // The process rule: "If no fixed version exists then, the vulnerable range is open-ended (* / no fixed event)".
        (null, null, """[{"introduced":"0"}]""", "*"),
        // "… otherwise it ends at the last vulnerable version."
        ("1.4.2", null, """[{"introduced":"0"},{"fixed":"1.4.2"}]""", "<1.4.2"),
        (null, "1.4.1", """[{"introduced":"0"},{"last_affected":"1.4.1"}]""", "<=1.4.1"));

    [Theory]
    [MemberData(nameof(RangeCases))]
    public async Task Execute_FixedOrNot_RangeEndsAtTheFixOrStaysOpen(
        DatabaseProvider provider, string? fixedVersion, string? lastAffected, string events, string npmRange)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var draft = Draft() with
        {
            Packages = [new DraftPackage("npm", "deep-merge", Fixed: fixedVersion, LastAffected: lastAffected)]
        };

        var published = await Publish(database, draft);

        var range = Assert.Single(Assert.Single(published.Vulnerability.Affected!).Ranges!);
        Assert.Equal("SEMVER", range.Type);
        Assert.Equal(events,
            System.Text.Json.JsonSerializer.Serialize(range.Events, Core.Advisories.Osv.OsvJson.Options));
        await using var db = database.Open();
        var row = await db.AffectedPackages.SingleAsync(Ct);
        Assert.Equal(("npm", "deep-merge", npmRange), (row.Ecosystem, row.Name, row.NpmRange));
        Assert.Equal(published.Number, row.AdvisoryNumber);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_Published_IsReadableAsTheFullAdvisory(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var published = await Publish(database, Draft());

        await using var db = database.Open();
        var advisory = await new GetAdvisory(db).ExecuteAsync("CVE-2026-50001", Ct);
        Assert.NotNull(advisory);
        var osv = advisory.Vulnerability;
        Assert.Equal(published.Id, osv.Id);
        Assert.Equal(Now, osv.Published);
        Assert.Equal(Now, osv.Modified);
        Assert.Equal("1.7.5", osv.SchemaVersion);
        Assert.Equal("CVSS_V3", Assert.Single(osv.Severity!).Type);
        Assert.Equal("CWE-1321", osv.DatabaseSpecific!["cwe_ids"]![0]!.GetValue<string>());
        Assert.Equal(["FINDER:Ada"], osv.Credits!.Select(c => $"{c.Type}:{c.Name}"));
        Assert.Equal("https://example.test/fix", Assert.Single(osv.References!).Url);
        Assert.Equal(AdvisorySeverity.Critical, (await db.Advisories.SingleAsync(Ct)).Severity);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_SeveralInAYear_MintsSequentialIdsAndRestartsNextYear(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Now);

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Publish(database, Draft() with { Aliases = null }, clock)).Id);
        }
        ids.Add((await Publish(database, Draft() with { Aliases = null }, clock, "CORE")).Id);
        clock.Advance(TimeSpan.FromDays(40));
        ids.Add((await Publish(database, Draft() with { Aliases = null }, clock)).Id);

        Assert.Equal(["NPMSEC-2026-1", "NPMSEC-2026-2", "NPMSEC-2026-3", "CORE-2026-1", "NPMSEC-2027-1"], ids);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ConcurrentPublishers_NeverShareAnId(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                mine.Add((await Publish(database, Draft() with { Aliases = null })).Id);
            }
            return mine;
        }, Ct)));

        var all = ids.SelectMany(i => i).ToList();
        Assert.Equal(12, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"NPMSEC-2026-{n}").Order(), all.Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_AliasAlreadyTaken_ConflictsAndWritesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = await Publish(database, Draft());

        var error = await Assert.ThrowsAsync<ConflictException>(() => Publish(database, Draft()));

        Assert.Contains($"CVE-2026-50001 is already an alias of advisory {first.Id}", error.Message,
            StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.Equal(1, await db.Advisories.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_CallersTransactionRolledBack_LeavesNoAdvisory(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        await using (var db = database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await new PublishAdvisory(db, new FakeTimeProvider(Now)).ExecuteAsync(Draft(), "NPMSEC", DraftOrigin.Report,
                Ct);
            await transaction.RollbackAsync(Ct);
        }

        await using var check = database.Open();
        Assert.Equal(0, await check.Advisories.CountAsync(Ct));
        Assert.Equal(0, await check.AffectedPackages.CountAsync(Ct));
    }

    public static TheoryData<string, string> InvalidCases => new()
    {
        { "summary", "" },
        { "packages", "none" },
        { "packages[0].ecosystem", "PyPI" },
        { "packages[0].fixed", "1.x" },
        { "packages[0].lastAffected", "both" },
        { "packages[0].introduced", "banana" },
        { "cvssVector", "CVSS:3.1/AV:N" },
        { "cwes[0]", "CWE-0" },
        { "references", "direct-without" },
        { "references[0].url", "javascript:alert(1)" },
        { "credits[0].type", "HERO" },
        { "idPrefix", "npm-sec" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task Execute_InvalidDraft_NamesTheFieldAndWritesNothing(string field, string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var draft = Draft();
        var package = draft.Packages[0];
        var (origin, prefix) = (DraftOrigin.Report, "NPMSEC");
        switch (field)
        {
            case "summary": draft = draft with { Summary = value }; break;
            case "packages": draft = draft with { Packages = [] }; break;
            case "packages[0].ecosystem": draft = draft with { Packages = [package with { Ecosystem = value }] }; break;
            case "packages[0].fixed": draft = draft with { Packages = [package with { Fixed = value }] }; break;
            case "packages[0].lastAffected":
                draft = draft with
                {
                    Packages = [package with { Fixed = "2.0.0", LastAffected = "1.9.0" }]
                }; break;
            case "packages[0].introduced":
                draft = draft with
                {
                    Packages = [package with { Introduced = value }]
                }; break;
            case "cvssVector": draft = draft with { CvssVector = value }; break;
            case "cwes[0]": draft = draft with { Cwes = [value] }; break;
            case "references": draft = draft with { References = [] }; origin = DraftOrigin.Direct; break;
            case "references[0].url": draft = draft with { References = [new DraftReference("WEB", value)] }; break;
            case "credits[0].type": draft = draft with { Credits = [new DraftCredit("Ada", value)] }; break;
            case "idPrefix": prefix = value; break;
        }

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => Publish(database, draft, prefix: prefix, origin: origin));

        Assert.Contains(field, error.Errors.Keys);
        await using var db = database.Open();
        Assert.Equal(0, await db.Advisories.CountAsync(Ct));
    }

    [Fact]
    public async Task Execute_FixBeforeTheFirstAffectedVersion_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var draft = Draft() with
        {
            Packages = [new DraftPackage("NuGet", "Example.Lib", Introduced: "2.0.0", Fixed: "1.5.0")]
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Publish(database, draft));

        Assert.Equal(["packages[0].fixed"], error.Errors.Keys);
    }

    private static async Task<PublishedAdvisory> Publish(
        TestDatabase database, AdvisoryDraft draft, TimeProvider? clock = null, string prefix = "NPMSEC",
        DraftOrigin origin = DraftOrigin.Report)
    {
        await using var db = database.Open();
        return await new PublishAdvisory(db, clock ?? new FakeTimeProvider(Now)).ExecuteAsync(draft, prefix, origin,
            Ct);
    }

    private static AdvisoryDraft Draft() => new(
        "Prototype pollution in deep-merge",
        "A crafted `__proto__` key pollutes `Object.prototype`.",
        [new DraftPackage("npm", "deep-merge", Fixed: "1.4.2")],
        CvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        Cwes: ["CWE-1321"],
        References: [new DraftReference("FIX", "https://example.test/fix")],
        Credits: [new DraftCredit("Ada", "FINDER")],
        Aliases: ["CVE-2026-50001"]);

    private static TheoryData<DatabaseProvider, string?, string?, string, string> Cases(
        params (string?, string?, string, string)[] rows)
    {
        var data = new TheoryData<DatabaseProvider, string?, string?, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (f, l, e, r) in rows)
            {
                data.Add(provider, f, l, e, r);
            }
        }
        return data;
    }
}
