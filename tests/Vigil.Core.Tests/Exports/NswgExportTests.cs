using System.Text.Json.Nodes;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using Vigil.Core.Tests.Imports;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Exports;

/// <summary>The WG format for advisories that did not come from the WG, and for WG records edited since.</summary>
public class NswgExportTests
{
    [Fact]
    public async Task Export_OsvAdvisories_DerivesOneRecordPerNpmPackage()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var output = new TempDirectory();
        await ImportAsync(database, OsvExamples);
        var numbers = await Numbers(database);

        var summary = await NswgRoundTripTests.ExportAsync(database, output.Path);

        Assert.Empty(summary.Problems);
        Assert.Equal(5, summary.Written);
        // GHSA-35jh-r3h4-6jhm affects lodash and lodash-es: two records, k = 0 and 1.
        var lodash = numbers["GHSA-35jh-r3h4-6jhm"];
        Assert.Equal("lodash", Record(output, 1_000_000 + (100 * lodash))["module_name"]!.GetValue<string>());
        Assert.Equal("lodash-es", Record(output, 1_000_000 + (100 * lodash) + 1)["module_name"]!.GetValue<string>());
        var minimist = Record(output, 1_000_000 + (100 * numbers["GHSA-vh95-rmgr-6w4m"]));
        Assert.Equal("<0.2.1 || >=1.0.0 <1.2.3", minimist["vulnerable_versions"]!.GetValue<string>());
        Assert.Equal(">=0.2.1 <1.0.0 || >=1.2.3", minimist["patched_versions"]!.GetValue<string>());
        Assert.Equal("2020-04-03", minimist["publish_date"]!.GetValue<string>());
        Assert.Equal(["CVE-2020-7598"], minimist["cves"]!.AsArray().Select(c => c!.GetValue<string>()));
        var request = Record(output, 1_000_000 + (100 * numbers["GHSA-p8p7-x288-28g6"]));
        Assert.Equal(("<=2.88.2", null),
            (request["vulnerable_versions"]!.GetValue<string>(), request["patched_versions"]));
        var index = JsonNode.Parse(File.ReadAllText(output.Combine("npm", "index.json")))!.AsObject();
        Assert.Equal(7, index.Count);
        Assert.Equal("{}", File.ReadAllText(output.Combine("core", "index.json")));
    }

    [Fact]
    public async Task Export_WgRecordEditedInVigil_ShowsTheEditAndKeepsTheRest()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var output = new TempDirectory();
        await ImportAsync(database, WgVuln);
        // NSWG-ECO-360 has cvss_score -1 ("not scored"), which OSV cannot hold and Vigil keeps aside.
        await using (var context = database.Open())
        {
            var stored = (await new GetAdvisory(context).ExecuteAsync("NSWG-ECO-360", Ct))!.Vulnerability;
            stored.Summary = "Edited title";
            stored.Severity = [
                new OsvSeverity { Type = "CVSS_V3", Score = "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N" }];
            stored.DatabaseSpecific!["cvss_score"] = 7.5;
            await new UpsertAdvisories(context, TimeProvider.System)
                .ExecuteAsync([new AdvisoryToStore(stored, "nswg-npm")], Ct);
        }

        await NswgRoundTripTests.ExportAsync(database, output.Path);

        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(WgVuln, "npm", "360.json")))!.AsObject();
        var exported = Record(output, 360);
        Assert.Equal("Edited title", exported["title"]!.GetValue<string>());
        Assert.Equal("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", exported["cvss_vector"]!.GetValue<string>());
        Assert.Equal(7.5, exported["cvss_score"]!.GetValue<double>());
        foreach (var key in new[] { "title", "cvss_vector", "cvss_score" })
        {
            original.Remove(key);
            exported.Remove(key);
        }
        Assert.True(JsonNode.DeepEquals(original, exported), exported.ToJsonString());
    }

    [Fact]
    public async Task Export_RuntimeAdvisoryNotFromTheWg_GoesToTheCoreList()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var output = new TempDirectory();
        await using (var context = database.Open())
        {
            var advisory = new OsvVulnerability
            {
                Id = "VIGIL-2026-1",
                Modified = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero),
                Published = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Aliases = ["CVE-2026-0001"],
                Summary = "HTTP request smuggling",
                Details = "Details.",
                Credits = [new OsvCredit { Name = "A. Finder", Type = "FINDER" }],
                DatabaseSpecific = new JsonObject
                {
                    ["severity"] = "MODERATE",
                    ["nodejs_runtime"] = new JsonObject
                    {
                        ["vulnerable"] = "20.x || 22.x",
                        ["patched"] = "^20.20.1 || ^22.22.1"
                    },
                },
            };
            await new UpsertAdvisories(context, TimeProvider.System)
                .ExecuteAsync([new AdvisoryToStore(advisory, "vigil")], Ct);
        }
        var number = (await Numbers(database))["VIGIL-2026-1"];

        await NswgRoundTripTests.ExportAsync(database, output.Path);

        var index = JsonNode.Parse(File.ReadAllText(output.Combine("core", "index.json")))!.AsObject();
        var entry = Assert.Single(index);
        Assert.Equal((1_000_000 + (100 * number)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            entry.Key);
        var expected = JsonNode.Parse("""
            {"cve":["CVE-2026-0001"],"vulnerable":"20.x || 22.x","patched":"^20.20.1 || ^22.22.1","publish_date":"2026-01-01",
             "reported_by":"A. Finder","description":"HTTP request smuggling","overview":"Details.","affectedEnvironments":["all"],"severity":"medium"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, entry.Value), entry.Value!.ToJsonString());
        Assert.Equal("{}", File.ReadAllText(output.Combine("npm", "index.json")));
    }

    private static JsonObject Record(TempDirectory output, long number) =>
        JsonNode.Parse(
            File.ReadAllText(
                output.Combine("npm", number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json")))!
                    .AsObject();

    private static async Task<Dictionary<string, long>> Numbers(TestDatabase database)
    {
        await using var context = database.Open();
        var numbers = new Dictionary<string, long>();
        await foreach (var advisory in new ListAdvisories(context).ExecuteAsync(null, Ct))
        {
            numbers[advisory.Vulnerability.Id] = advisory.Number;
        }
        return numbers;
    }
}
