using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Imports;

namespace Vigil.Core.Tests.Advisories;

public partial class SearchAdvisoriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"prototype[\s-]*pollution", RegexOptions.IgnoreCase)]
    private static partial Regex PrototypePollution();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_PrototypePollutionOnWgData_FindsEveryAdvisoryThatMentionsIt(DatabaseProvider provider)
    {
        var wg = SharedData.NodejsWgVuln();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await new ImportAdvisories(db, TimeProvider.System, ImportOptions.Default)
            .ExecuteAsync([wg], cancellationToken: Ct);
        // The set, from the data: every advisory whose summary or details say "prototype pollution".
        var mentioning = new HashSet<string>(StringComparer.Ordinal);
        var inSummary = 0;
        foreach (var document in await db.Advisories.Select(a => a.Document).ToListAsync(Ct))
        {
            var vulnerability = OsvJson.Deserialize(document);
            if (PrototypePollution().IsMatch(vulnerability.Summary ?? "")
                || PrototypePollution().IsMatch(vulnerability.Details ?? ""))
            {
                mentioning.Add(vulnerability.Id);
                var summary = vulnerability.Summary ?? "";
                inSummary += summary.Contains("prototype pollution", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }
        }
        // What made the search necessary: a summary-only search misses some of them.
        Assert.True(mentioning.Count >= 20 && inSummary < mentioning.Count,
            $"{mentioning.Count} mention it, {inSummary} in the summary");

        var found = await new SearchAdvisories(db)
            .ExecuteAsync(new AdvisorySearch("prototype pollution", PageSize: 100), Ct);

        var ids = found.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(mentioning.Except(ids));
        Assert.Equal(found.Total, found.Items.Count);
        Assert.Contains(found.Items[0].Id, mentioning);
    }

    private static readonly string[] NastyQueries =
    [
        "\"", "\"\"", "\"unclosed phrase", "*", "proto*", "* pollution", "NOT", "AND", "OR", "AND OR NOT",
        "a OR", "OR b",
        "-", "--", "-pollution", "-\"prototype pollution\"", "- -", "title:prototype", "Summary:x",
        "{Summary Details}: x",
        "^prototype", "NEAR(prototype pollution)", "NEAR(a b, 2)", "(", ")", "(()", "'", "''", "\\", "\\\"",
        "%", "_", "%_%",
        "'; DROP TABLE advisories; --", "\"); DELETE FROM advisories; --", "a & b | !c <-> d", "a:*", "a:A",
        "!!", "<2>",
        "🔥", "プロトタイプ汚染", "prototype pollution ☃", "e\u0301", "ＦＴＳ", "\u0000", "\t\n\r",
        "\uD800", "a\uDC00b",
        "CVE-2020-7598", "GHSA-vh95-rmgr-6w4m", "lodash.merge", "@cypress/request", "1.2.3", ">=1.0.0 <2",
        "x".PadRight(200, 'y'),
        string.Join(' ', Enumerable.Repeat("a OR", 40)), string.Join(' ', Enumerable.Repeat("-x", 60)),
    ];

    // One database for the whole list (a loop, not a theory row each): each case is one read, and a fresh
    // database per row would cost a migration for every query.
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_OddQueries_AnswerWithoutError(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Store(database,
            Advisory("VIGIL-1", "Prototype pollution in merge", "Deep merge lets `__proto__` through."));
        await using var db = database.Open();
        var failures = new List<string>();

        foreach (var text in NastyQueries)
        {
            try
            {
                var result = await new SearchAdvisories(db).ExecuteAsync(new AdvisorySearch(text), Ct);
                Assert.Equal(result.Total, result.Items.Count);
            }
            catch (Exception e)
            {
                failures.Add($"{text}: {e.GetType().Name} {e.Message}");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_TextLongerThanTheLimit_FailsValidationNamingQ(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            new SearchAdvisories(db).ExecuteAsync(new AdvisorySearch(new string('a', SearchQuery.MaxLength + 1)), Ct));

        Assert.Equal(["q"], error.Errors.Keys);
    }

    public static TheoryData<DatabaseProvider, string, string[]> Syntax()
    {
        (string Query, string[] Ids)[] cases =
        [
            // Words anywhere in summary or details, in any form (stemmed), all required; newest first as asked.
            ("pollution", ["VIGIL-2", "VIGIL-1"]),
            ("polluted merging", ["VIGIL-1"]),
            ("pollution -merge", ["VIGIL-2"]),
            ("\"pollution in merge\"", ["VIGIL-1"]),
            ("\"merge pollution\"", []),
            ("regular OR template", ["VIGIL-3", "VIGIL-2"]),
            // Keywords: a package name, a CWE id and its name.
            ("deep-extend", ["VIGIL-2"]),
            ("CWE-1321", ["VIGIL-1"]),
            ("object prototype attributes", ["VIGIL-1"]),
            // A part of an id or alias still finds it; an exact alias comes first.
            ("VIGIL-", ["VIGIL-3", "VIGIL-2", "VIGIL-1"]),
            ("cve-2099-0003", ["VIGIL-3"]),
        ];
        var data = new TheoryData<DatabaseProvider, string, string[]>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (query, ids) in cases)
            {
                data.Add(provider, query, ids);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Syntax))]
    public async Task Execute_Text_FindsWhatTheSyntaxSays(DatabaseProvider provider, string text, string[] expected)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await StoreThree(database);
        await using var db = database.Open();

        var result = await new SearchAdvisories(db)
            .ExecuteAsync(new AdvisorySearch(text, Sort: AdvisorySort.Newest), Ct);

        Assert.Equal(expected, result.Items.Select(i => i.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ExactAlias_ComesBeforeBetterTextMatches(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await StoreThree(database);
        await Store(database,
            Advisory("VIGIL-4", "Mentions CVE-2099-0001 CVE-2099-0001 CVE-2099-0001", "CVE-2099-0001"));
        await using var db = database.Open();

        var result = await new SearchAdvisories(db).ExecuteAsync(new AdvisorySearch("CVE-2099-0001"), Ct);

        Assert.Equal(["VIGIL-1", "VIGIL-4"], result.Items.Select(i => i.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_CweAndSeverityFilters_CombineWithText(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await StoreThree(database);
        await using var db = database.Open();
        var search = new SearchAdvisories(db);

        var byCwe = await search.ExecuteAsync(new AdvisorySearch(Cwe: "CWE-1321"), Ct);
        var byCweAndText = await search.ExecuteAsync(new AdvisorySearch("regular", Cwe: "CWE-1321"), Ct);
        var bySeverityAndText =
            await search.ExecuteAsync(new AdvisorySearch("pollution", Severity: AdvisorySeverity.High), Ct);

        Assert.Equal(["VIGIL-1"], byCwe.Items.Select(i => i.Id));
        Assert.Empty(byCweAndText.Items);
        Assert.Equal(["VIGIL-2"], bySeverityAndText.Items.Select(i => i.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_AfterEachWrite_SearchesTheStoredText(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Store(database, Advisory("VIGIL-1", "A summary", "The frobnicator leaks."));
        await Store(database, Advisory("VIGIL-1", "A summary", "The wibbler leaks.", modifiedDay: 3));
        await using var db = database.Open();
        var search = new SearchAdvisories(db);

        Assert.Empty((await search.ExecuteAsync(new AdvisorySearch("frobnicator"), Ct)).Items);
        Assert.Single((await search.ExecuteAsync(new AdvisorySearch("wibbler"), Ct)).Items);
        await db.Advisories.Where(a => a.Id == "VIGIL-1").ExecuteDeleteAsync(Ct);
        Assert.Empty((await search.ExecuteAsync(new AdvisorySearch("wibbler"), Ct)).Items);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Backfill_RowsStoredBeforeTheSearch_AreIndexedFromTheirDocuments(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await StoreThree(database);
        await using var db = database.Open();
        // As an older Vigil left them: no details, keywords or CWE rows.
        await db.AdvisoryCwes.ExecuteDeleteAsync(Ct);
        await db.Advisories.ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Details, (string?)null)
            .SetProperty(a => a.SearchKeywords, (string?)null), Ct);
        var search = new SearchAdvisories(db);
        Assert.Empty((await search.ExecuteAsync(new AdvisorySearch("untrusted"), Ct)).Items);

        var indexed = await AdvisorySearchBackfill.RunAsync(db, Ct);

        Assert.Equal(3, indexed);
        var byDetails = await search.ExecuteAsync(new AdvisorySearch("untrusted"), Ct);
        var byCwe = await search.ExecuteAsync(new AdvisorySearch(Cwe: "CWE-1321"), Ct);
        Assert.Equal(["VIGIL-1"], byDetails.Items.Select(i => i.Id));
        Assert.Equal(["VIGIL-1"], byCwe.Items.Select(i => i.Id));
        Assert.Equal(0, await AdvisorySearchBackfill.RunAsync(db, Ct));
    }

    private static async Task StoreThree(TestDatabase database)
    {
        var one = Advisory("VIGIL-1", "Prototype pollution in merge",
            "Merging untrusted objects pollutes Object.prototype.",
            alias: "CVE-2099-0001", cwe: "CWE-1321");
        var two = Advisory("VIGIL-2", "Template injection", "Pollution of the template scope leads to code execution.",
            package: "deep-extend", severity: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", cwe: "CWE-94",
            modifiedDay: 3);
        var three = Advisory("VIGIL-3", "Regular expression denial of service", "A slow regular expression.",
            alias: "CVE-2099-0003", cwe: "CWE-1333", modifiedDay: 4);
        await Store(database, one, two, three);
    }

    private static async Task Store(TestDatabase database, params OsvVulnerability[] vulnerabilities)
    {
        await using var db = database.Open();
        var batch = vulnerabilities.Select(v => new AdvisoryToStore(v, "test")).ToList();
        await new UpsertAdvisories(db, TimeProvider.System).ExecuteAsync(batch, Ct);
    }

    private static OsvVulnerability Advisory(string id, string summary, string details, string? alias = null,
        string package = "left-pad",
        string? severity = null, string? cwe = null, int modifiedDay = 2) => new()
        {
            SchemaVersion = OsvVulnerability.CurrentSchemaVersion,
            Id = id,
            Modified = new DateTimeOffset(2024, 1, modifiedDay, 3, 4, 5, TimeSpan.Zero),
            Published = new DateTimeOffset(2024, 1, modifiedDay, 3, 4, 5, TimeSpan.Zero),
            Aliases = alias is null ? null : [alias],
            Summary = summary,
            Details = details,
            Severity = severity is null ? null : [new OsvSeverity { Type = "CVSS_V3", Score = severity }],
            DatabaseSpecific = cwe is null ? null : new JsonObject { ["cwe_ids"] = new JsonArray(cwe) },
            Affected = [new OsvAffected { Package = new OsvPackage { Ecosystem = "npm", Name = package } }],
        };
}
