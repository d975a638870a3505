using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Imports;

/// <summary>A broken WG record is reported with its file and field, and skipped; the other records are
/// stored.</summary>
public class NswgBadInputTests
{
    [Theory]
    [InlineData("\"vulnerable_versions\": \"<=1.5.1\"", "\"vulnerable_versions\": 151",
        "'vulnerable_versions' must be a string, not a number")]
    [InlineData("\"vulnerable_versions\": \"<=1.5.1\"", "\"vulnerable_versions\": \">=1.0.0 <\"",
        "'vulnerable_versions' is not a valid npm range: '>=1.0.0 <'")]
    [InlineData("\"patched_versions\": \">=1.5.2\"", "\"patched_versions\": \"one point five\"",
        "'patched_versions' is not a valid npm range")]
    [InlineData("\"module_name\": \"bassmaster\"", "\"module_name\": \"\"", "'module_name' is missing or empty")]
    [InlineData("\"publish_date\": \"2014-09-27\"", "\"publish_date\": \"last tuesday\"",
        "'publish_date' is not a date: 'last tuesday'")]
    [InlineData("\"cves\": [\n    \"CVE-2014-7205\"\n  ]", "\"cves\": [7205]",
        "'cves[0]' must be a string, not a number")]
    [InlineData("\"id\": 1,", "\"id\": 2,", "'id' is 2 but the record is number 1")]
    [InlineData("\"id\": 1,", "\"id\": 1,,", "line 2, position 11: ")]
    public async Task Execute_BrokenNpmRecord_IsReportedAndTheOthersAreStored(string original, string broken,
        string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var npm = temp.Combine("vuln", "npm");
        Directory.CreateDirectory(npm);
        var one = File.ReadAllText(Path.Combine(WgVuln, "npm", "1.json"));
        Assert.Contains(original, one, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(npm, "1.json"), one.Replace(original, broken, StringComparison.Ordinal));
        File.Copy(Path.Combine(WgVuln, "npm", "2.json"), Path.Combine(npm, "2.json"));

        var summary = await ImportAsync(database, temp.Combine("vuln"));

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(Path.Combine(npm, "1.json"), problem.File);
        Assert.StartsWith(reason, problem.Reason, StringComparison.Ordinal);
        await using var context = database.Open();
        Assert.Equal(["NSWG-ECO-2"], await context.Advisories.Select(a => a.Id).ToListAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_RecordBrokenAfterAnEarlierImport_LeavesTheStoredAdvisoryAsItWas(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var temp = new TempDirectory();
        var vuln = temp.Combine("vuln");
        CopyTree(WgVuln, vuln);
        await ImportAsync(database, vuln);
        string before;
        await using (var context = database.Open())
        {
            before = (await context.Advisories.SingleAsync(a => a.Id == "NSWG-ECO-100", Ct)).Document;
        }
        var file = Path.Combine(vuln, "npm", "100.json");
        File.WriteAllText(file, File.ReadAllText(file)
            .Replace("\"updated_at\": \"2017-04-14\"", "\"updated_at\": \"2024-02-29\"", StringComparison.Ordinal)
            .Replace("\"vulnerable_versions\": \"<=2.1.1\"", "\"vulnerable_versions\": [\"<=2.1.1\"]",
                StringComparison.Ordinal));

        var summary = await ImportAsync(database, vuln);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal((file, "'vulnerable_versions' must be a string, not an array"), (problem.File, problem.Reason));
        Assert.Equal((0, 0, 467 + 171 - 1), (summary.Added, summary.Updated, summary.Unchanged));
        await using (var context = database.Open())
        {
            Assert.Equal(before, (await context.Advisories.SingleAsync(a => a.Id == "NSWG-ECO-100", Ct)).Document);
        }
    }

    [Theory]
    [InlineData("vulnerable", "8", "entry \"1\": 'vulnerable' must be a string, not a number")]
    [InlineData("vulnerable", "\"8.x || foo\"", "entry \"1\": 'vulnerable' is not a valid npm range: '8.x || foo'")]
    [InlineData("patched", "\">= 8.1.4 <\"", "entry \"1\": 'patched' is not a valid npm range")]
    [InlineData("affectedEnvironments", "\"all\"",
        "entry \"1\": 'affectedEnvironments' must be an array of strings, not a string")]
    [InlineData("publish_date", "\"soon\"", "entry \"1\": 'publish_date' is not a date: 'soon'")]
    public async Task Execute_BrokenCoreEntry_IsReportedWithItsKeyAndTheOthersAreStored(string field, string value,
        string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var entry = """
            {"cve": [], "vulnerable": "8.x", "patched": "^8.1.4", "affectedEnvironments": ["all"], "severity": "high"}
            """;
        var broken = JsonNode.Parse(entry)!.AsObject();
        broken[field] = JsonNode.Parse(value);
        var index =
            temp.Write(Path.Combine("vuln", "core", "index.json"),
                $$"""{"1": {{broken.ToJsonString()}}, "2": {{entry}}}""");

        var summary = await ImportAsync(database, temp.Combine("vuln"));

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(index, problem.File);
        Assert.StartsWith(reason, problem.Reason, StringComparison.Ordinal);
        await using var context = database.Open();
        Assert.Equal(["NSWG-COR-2"], await context.Advisories.Select(a => a.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task Execute_NpmRecordWithInvalidUtf8_IsReportedAndTheOthersAreStored()
    {
        // A record whose text holds a lone continuation byte (found by the fuzzer): a problem, not an exception.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var npm = temp.Combine("vuln", "npm");
        Directory.CreateDirectory(npm);
        var one = File.ReadAllBytes(Path.Combine(WgVuln, "npm", "1.json"));
        var at = Array.IndexOf(one, (byte)'b'); // in the title, "Arbitrary"
        one[at] = 0x80;
        File.WriteAllBytes(Path.Combine(npm, "1.json"), one);
        File.Copy(Path.Combine(WgVuln, "npm", "2.json"), Path.Combine(npm, "2.json"));

        var summary = await ImportAsync(database, temp.Combine("vuln"));

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(Path.Combine(npm, "1.json"), problem.File);
        Assert.Equal($"the file is not valid UTF-8 (byte {at:N0} starts an invalid sequence)", problem.Reason);
        await using var context = database.Open();
        Assert.Equal(["NSWG-ECO-2"], await context.Advisories.Select(a => a.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task Execute_MalformedCoreIndex_IsReportedOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var temp = new TempDirectory();
        var index = temp.Write(Path.Combine("vuln", "core", "index.json"), "{\n  \"1\": {\"cve\": [}\n}");

        var summary = await ImportAsync(database, temp.Combine("vuln"));

        var problem = Assert.Single(summary.Problems);
        Assert.Equal(index, problem.File);
        Assert.StartsWith("line 2, position 17: ", problem.Reason, StringComparison.Ordinal);
    }
}
