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
    /// One theory row per element of a JSON array file (row index + the row's JSON), or a single
    /// skipped row when the spec folder is missing.
    /// </summary>
    public static IEnumerable<TheoryDataRow<int, string>> Rows(string relativePath,
        Func<JsonNode, JsonArray>? select = null)
    {
        var path = Find(relativePath);
        if (path is null)
        {
            return [new TheoryDataRow<int, string>(-1, relativePath) { Skip = $"{MissingMessage}: {relativePath}" }];
        }

        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var rows = select is null ? root.AsArray() : select(root);
        return rows.Select((row, i) => new TheoryDataRow<int, string>(i, row!.ToJsonString()));
    }
}
