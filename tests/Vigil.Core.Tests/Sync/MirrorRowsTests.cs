using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Sync;

namespace Vigil.Core.Tests.Sync;

/// <summary>
/// A sync writes its rows with plain SQL (<see cref="MirrorRows"/>) instead of EF Core; these hold that path
/// to the EF one (<see cref="UpsertAdvisories"/>): the same advisories written both ways, added and then
/// replaced, leave the same rows, column for column, on both providers.
/// </summary>
public class MirrorRowsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InsertThenUpdate_SameRowsAsTheEfPath(DatabaseProvider provider)
    {
        await using var viaEf = await TestDatabase.CreateAsync(provider);
        await using var viaSql = await TestDatabase.CreateAsync(provider);

        await WriteWithEfAsync(viaEf, Versions(1));
        await WriteWithSqlAsync(viaSql, Versions(1), update: false);
        var added = (await RowsAsync(viaEf), await RowsAsync(viaSql));
        await WriteWithEfAsync(viaEf, Versions(2));
        await WriteWithSqlAsync(viaSql, Versions(2), update: true);
        var replaced = (await RowsAsync(viaEf), await RowsAsync(viaSql));

        Assert.Equal(3, added.Item1.Count);
        Assert.Equal(added.Item1, added.Item2);
        Assert.Equal(replaced.Item1, replaced.Item2);
        Assert.NotEqual(added.Item1, replaced.Item1);
        // The numbers are kept.
        Assert.Equal(added.Item1.Select(r => r.Split('|')[0]), replaced.Item2.Select(r => r.Split('|')[0]));
    }

    /// <summary>
    /// Three shapes: aliases, CVSS and two ecosystems; withdrawn with no aliases; no summary nor published.
    /// </summary>
    private static List<OsvVulnerability> Versions(int version)
    {
        var day = TestBucket.Day(version * 10);
        var rich = OsvJson.Deserialize(TestBucket.Record("GHSA-rich", day, "npm", "left-pad", $"rich v{version}"));
        rich.Aliases = version == 1 ? ["CVE-2025-0001", "GHSA-rich-alias"] : ["CVE-2025-0001"];
        rich.Severity = [new OsvSeverity { Type = "CVSS_V3", Score = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }];
        var pypi = OsvJson.Deserialize(TestBucket.Record("x", day, "PyPI", "requests", "x")).Affected![0];
        rich.Affected = version == 1 ? [rich.Affected![0], pypi] : [pypi];
        var withdrawn = OsvJson.Deserialize(TestBucket.Record("GHSA-gone", day, "npm", "@scope/pkg", "gone",
            withdrawn: version == 1 ? null : "2025-02-01T00:00:00Z"));
        var bare = OsvJson.Deserialize(TestBucket.Record("GHSA-bare", day, "npm", "bare", "bare"));
        bare.Summary = version == 1 ? null : "now with a summary";
        bare.Published = null;
        return [rich, withdrawn, bare];
    }

    private static async Task WriteWithEfAsync(TestDatabase database, List<OsvVulnerability> vulnerabilities)
    {
        await using var db = database.Open();
        await new UpsertAdvisories(db, TimeProvider.System).ExecuteAsync(
            [.. vulnerabilities.Select(v => new AdvisoryToStore(v, "osv", Origin: "upstream"))],
            TestContext.Current.CancellationToken);
    }

    private static async Task WriteWithSqlAsync(
        TestDatabase database, List<OsvVulnerability> vulnerabilities, bool update)
    {
        var token = TestContext.Current.CancellationToken;
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(token);
        var rows = MirrorRows.For(db);
        var records = vulnerabilities
            .Select(v => MirrorRecord.Of(new AdvisoryToStore(v, "osv", Origin: "upstream")).Row).ToList();
        if (update)
        {
            var held = await rows.ReadHeldAsync([.. records.Select(r => r.Id)], "upstream", token);
            records.ForEach(r => r.Number = held[r.Id].Number);
            Assert.All(held.Values, h => Assert.NotNull(h.Document));
            await rows.UpdateAsync(records, token);
        }
        else
        {
            await rows.InsertAsync(records, token);
        }
        await transaction.CommitAsync(token);
    }

    /// <summary>Every column of every advisory with its aliases and affected rows, one line each, by number.</summary>
    private static async Task<List<string>> RowsAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var advisories = await db.Advisories.AsNoTracking().Include(a => a.Aliases).Include(a => a.Affected)
            .ToListAsync(TestContext.Current.CancellationToken);
        return [.. advisories.OrderBy(a => a.Number).Select(a => string.Join('|',
            a.Number, a.Id, a.Modified.ToString("O"), a.Published?.ToString("O"), a.Withdrawn?.ToString("O"), a.Summary,
            a.Severity, a.CvssScore, a.CvssVector, a.Source, a.Origin, a.Document,
            string.Join(',', a.Aliases.Select(x => x.Alias).Order(StringComparer.Ordinal)),
            string.Join(',', a.Affected.OrderBy(x => x.Index).Select(x =>
                $"{x.Index}:{x.Ecosystem}:{x.Name}:{x.NpmRange}:{x.FixedVersion}:{x.AffectedJson}"))))];
    }
}
