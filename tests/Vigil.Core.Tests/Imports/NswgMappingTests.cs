using System.Text.Json.Nodes;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Data;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Imports;

/// <summary>Whole OSV documents for WG records: the field mapping of docs/importers.md, shown on real
/// records.</summary>
public class NswgMappingTests
{
    [Fact]
    public async Task Execute_NpmRecord_MapsEveryFieldToOsv()
    {
        var document = await ImportAndGet(Path.Combine(WgVuln, "npm"), "NSWG-ECO-1");

        AssertJson("""
            {
              "schema_version": "1.7.5",
              "id": "NSWG-ECO-1",
              "modified": "2016-04-28T00:00:00Z",
              "published": "2014-09-27T00:00:00Z",
              "aliases": ["CVE-2014-7205"],
              "summary": "Arbitrary JavaScript Execution",
              "details": "A vulnerability exists in bassmaster <= 1.5.1 that allows for an attacker to provide arbitrary JavaScript that is then executed server side via eval.\n\n## Recommendation\n\nUpdate to bassmaster version 1.5.2 or greater.",
              "severity": [{"type": "CVSS_V3", "score": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N"}],
              "affected": [{
                "package": {"ecosystem": "npm", "name": "bassmaster", "purl": "pkg:npm/bassmaster"},
                "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"last_affected": "1.5.1"}]}],
                "database_specific": {"vulnerable_versions": "<=1.5.1", "patched_versions": ">=1.5.2"}
              }],
              "references": [
                {"type": "PACKAGE", "url": "https://www.npmjs.org/package/bassmaster"},
                {"type": "FIX", "url": "https://github.com/hapijs/bassmaster/commit/b751602d8cb7194ee62a61e085069679525138c4"}
              ],
              "credits": [{"name": "Jarda Kotěšovec", "type": "FINDER"}, {"name": "^Lift Security", "type": "COORDINATOR"}],
              "database_specific": {"created_at": "2015-10-17", "cvss_score": 6.5}
            }
            """, document);
    }

    [Fact]
    public async Task Execute_NpmRecordWithUsernameAndOddKeyOrder_KeepsWhatOsvCannotSay()
    {
        var document = await ImportAndGet(Path.Combine(WgVuln, "npm"), "NSWG-ECO-360");

        var credit = document["credits"]![0]!;
        Assert.Equal("FINDER", credit["type"]!.GetValue<string>());
        // cvss_score -1 means "not scored" to the WG: no OSV field holds it, so it is kept aside.
        Assert.Equal(-1, document["database_specific"]!["nswg"]!["kept"]!["cvss_score"]!.GetValue<int>());
        Assert.Null(document["database_specific"]!["cvss_score"]);
    }

    [Fact]
    public async Task Execute_CoreEntry_HasTheRuntimeAsAffectedAndKeepsTheRuntimeRange()
    {
        var document = await ImportAndGet(Path.Combine(WgVuln, "core"), "NSWG-COR-55");

        AssertJson("""
            [{"package": {"ecosystem": "Bitnami", "name": "node", "purl": "pkg:bitnami/node"},
              "ranges": [{"type": "SEMVER", "events": [{"introduced": "6.0.0"}, {"fixed": "6.15.0"}, {"introduced": "8.0.0"}, {"fixed": "8.14.0"}]}],
              "ecosystem_specific": {"affected_environments": ["all"]}}]
            """, document["affected"]);
        AssertJson("""
            {"vulnerable": "6.x || 8.x", "patched": "^6.15.0 || ^8.14.0", "affected_environments": ["all"]}
            """, document["database_specific"]!["nodejs_runtime"]);
        Assert.Equal("high", document["database_specific"]!["severity"]!.GetValue<string>());
        Assert.Equal(["CWE-115"],
            document["database_specific"]!["cwe_ids"]!.AsArray().Select(c => c!.GetValue<string>()));
        AssertJson(
            """[{"name": "Arkadiy Tetelman", "type": "REPORTER"}, {"name": "Matteo Collina", "type": "OTHER"}]""",
            document["credits"]);
        Assert.Equal("2018-11-27T00:00:00Z", document["published"]!.GetValue<string>());
    }

    private static async Task<JsonObject> ImportAndGet(string path, string id)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await ImportAsync(database, path);
        await using var context = database.Open();
        var stored = await new GetAdvisory(context).ExecuteAsync(id, Ct);
        return JsonNode.Parse(OsvJson.Serialize(stored!.Vulnerability))!.AsObject();
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());
}
