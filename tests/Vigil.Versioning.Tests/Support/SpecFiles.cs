using System.Text.Json.Nodes;

namespace Vigil.Versioning.Tests.Support;

/// <summary>
/// Locates the shared spec folder (<c>X/shared/specs</c> for an ancestor X of the test assembly):
/// third-party tables are read in place, never copied into the repository.
/// </summary>
public static class SpecFiles
{
    public const string MissingMessage =
        "shared/specs not found next to the repository (looked for X/shared/specs above the test assembly); spec-table "
            + "tests skipped";

    /// <summary>The absolute path of a spec file, or null when the shared folder is absent.</summary>
    public static string? Find(string relativePath) => SharedData.TryPath("specs", relativePath);

    /// <summary>The path of a spec file, or skips the running test with a clear message.</summary>
    public static string Require(string relativePath)
    {
        var path = Find(relativePath);
        if (path is null)
        {
            Assert.Skip($"{MissingMessage}: {relativePath}");
        }

        return path;
    }

    /// <summary>
    /// How many rows each table read by <see cref="Rows"/> has, so that without the shared folder every row is
    /// reported as skipped (an honest skip count), not one row per table. <c>RowCounts_MatchTheSharedTables</c>
    /// fails when a table in shared/ has changed size: update the number here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> RowCounts = new Dictionary<string, int>
    {
        ["semver/GENERATED-npm-audit-satisfies.json"] = 386,
        ["semver/comparator-intersection.json"] = 34,
        ["semver/comparisons.json"] = 31,
        ["semver/equality.json"] = 37,
        ["semver/increments.json"] = 133,
        ["semver/invalid-versions.json"] = 10,
        ["semver/range-exclude.json"] = 98,
        ["semver/range-include.json"] = 126,
        ["semver/range-intersection.json"] = 54,
        ["semver/range-parse.json"] = 133,
        ["semver/truncations.json"] = 27,
        ["semver/valid-versions.json"] = 22,
        ["semver/version-gt-range.json"] = 56,
        ["semver/version-lt-range.json"] = 58,
        ["semver/version-not-gt-range.json"] = 80,
        ["semver/version-not-lt-range.json"] = 83,
    };

    /// <summary>
    /// One theory row per element of a JSON array file (row index + the row's JSON); when the spec folder is
    /// missing, the same number of rows (<see cref="RowCounts"/>), each skipped with the reason.
    /// </summary>
    public static IEnumerable<TheoryDataRow<int, string>> Rows(string relativePath,
        Func<JsonNode, JsonArray>? select = null)
    {
        var path = Find(relativePath);
        if (path is null)
        {
            var skip = $"{MissingMessage}: {relativePath}";
            return Enumerable.Range(0, RowCounts[relativePath])
                .Select(i => new TheoryDataRow<int, string>(i, relativePath) { Skip = skip });
        }

        return Table(path, select).Select((row, i) => new TheoryDataRow<int, string>(i, row!.ToJsonString()));
    }

    /// <summary>The rows of a table: the file's array, or the array <paramref name="select"/> picks.</summary>
    public static JsonArray Table(string path, Func<JsonNode, JsonArray>? select = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        return select is null ? root.AsArray() : select(root);
    }
}
