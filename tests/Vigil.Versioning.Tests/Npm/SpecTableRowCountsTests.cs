using System.Text.Json.Nodes;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.Npm;

/// <summary>
/// The row counts the fixture theories report as skipped without the shared folder are the tables' real sizes,
/// so a run without shared/ counts one skip per row it did not check.
/// </summary>
public class SpecTableRowCountsTests
{
    public static TheoryData<string> Tables => [.. SpecFiles.RowCounts.Keys];

    [Theory]
    [MemberData(nameof(Tables))]
    public void RowCounts_MatchTheSharedTables(string table)
    {
        var path = SpecFiles.Require(table);

        var rows = SpecFiles.Table(path, table.Contains("GENERATED-", StringComparison.Ordinal) ? Audit : null);

        Assert.Equal(SpecFiles.RowCounts[table], rows.Count);
    }

    private static JsonArray Audit(JsonNode root) => root["rows"]!.AsArray();
}
