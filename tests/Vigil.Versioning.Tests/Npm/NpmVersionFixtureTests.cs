using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Versioning.Npm;
using Vigil.Versioning.Tests.Support;

namespace Vigil.Versioning.Tests.Npm;

/// <summary>node-semver 7.8.5 version tables: comparisons, equality, valid/invalid, inc, truncate.</summary>
public class NpmVersionFixtureTests
{
    public static IEnumerable<TheoryDataRow<int, string>> ComparisonRows => SpecFiles.Rows("semver/comparisons.json");

    public static IEnumerable<TheoryDataRow<int, string>> EqualityRows => SpecFiles.Rows("semver/equality.json");

    public static IEnumerable<TheoryDataRow<int, string>> ValidRows => SpecFiles.Rows("semver/valid-versions.json");

    public static IEnumerable<TheoryDataRow<int, string>> InvalidRows => SpecFiles.Rows("semver/invalid-versions.json");

    public static IEnumerable<TheoryDataRow<int, string>> IncrementRows => SpecFiles.Rows("semver/increments.json");

    public static IEnumerable<TheoryDataRow<int, string>> TruncationRows => SpecFiles.Rows("semver/truncations.json");

    // comparisons.js: compare(a, b, loose) === 1, compare(b, a) === -1, each equal to itself.
    [Theory]
    [MemberData(nameof(ComparisonRows))]
    public void Compare_GreaterThenLesser_ReturnsOneAndMinusOne(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        var options = NodeOptions.From(node["options"]);
        string greater = NodeOptions.Text(node["greater"])!, lesser = NodeOptions.Text(node["lesser"])!;
        Assert.Equal(1, NpmSemver.Compare(greater, lesser, options));
        Assert.Equal(-1, NpmSemver.Compare(lesser, greater, options));
        Assert.Equal(0, NpmSemver.Compare(greater, greater, options));
        Assert.Equal(0, NpmSemver.Compare(lesser, lesser, options));
        Assert.True(NpmVersion.Parse(greater, options) > NpmVersion.Parse(lesser, options), $"row {row}");
    }

    // equality.js: compare === 0 and eq both ways (build metadata and v/= prefixes ignored).
    [Theory]
    [MemberData(nameof(EqualityRows))]
    public void Compare_EqualVersions_ReturnsZero(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        var options = NodeOptions.From(node["options"]);
        string a = NodeOptions.Text(node["a"])!, b = NodeOptions.Text(node["b"])!;
        Assert.Equal(0, NpmSemver.Compare(a, b, options));
        Assert.Equal(0, NpmSemver.Compare(b, a, options));
        Assert.Equal((row, NpmVersion.Parse(a, options)), (row, NpmVersion.Parse(b, options)));
    }

    // valid-versions.js: numeric prerelease ids are numbers, other ids strings; build ids strings.
    [Theory]
    [MemberData(nameof(ValidRows))]
    public void Parse_ValidVersion_ExposesComponents(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        var v = NpmVersion.Parse(NodeOptions.Text(node["version"])!);
        Assert.Equal(node["major"]!.GetValue<long>(), v.Major);
        Assert.Equal(node["minor"]!.GetValue<long>(), v.Minor);
        Assert.Equal(node["patch"]!.GetValue<long>(), v.Patch);
        var expectedPre = node["prerelease"]!.AsArray()
            .Select(id => id!.GetValueKind() == JsonValueKind.Number ? "#" + id.ToJsonString() : id.GetValue<string>());
        Assert.Equal(expectedPre, v.Prerelease.Select(id => id.IsNumeric ? "#" + id : id.ToString()));
        Assert.Equal(node["build"]!.AsArray().Select(id => id!.GetValue<string>()), v.Build);
        Assert.Equal((row, node["actual"]!["version"]!.GetValue<string>()), (row, v.ToString()));
    }

    // invalid-versions.js: parse()/valid() → null. Non-string values (a RegExp, an object with
    // toString) cannot reach a C# string API; their analogue is a null argument.
    [Theory]
    [MemberData(nameof(InvalidRows))]
    public void TryParse_InvalidVersion_ReturnsFalse(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        var value = NodeOptions.Text(node["value"]);
        Assert.False(NpmVersion.TryParse(value, NodeOptions.From(node["options"]), out _), $"row {row}: {json}");
        Assert.Null(NpmSemver.Valid(value, NodeOptions.From(node["options"])));
    }

    // increments.js: inc(version, release, options, identifier, identifierBase) === expected.
    [Theory]
    [MemberData(nameof(IncrementRows))]
    public void Increment_Row_ReturnsExpected(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        JsonNode? options = node["options"], identifier = node["identifier"], identifierBase = node["identifierBase"];
        if (options is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            // functions/inc.js: a string in the options slot is the identifier; the rest shift left.
            (identifierBase, identifier, options) = (identifier, options, null);
        }

        var actual = NpmSemver.Increment(NodeOptions.Text(node["version"]), NodeOptions.Text(node["release"]),
            NodeOptions.From(options), NodeOptions.Text(identifier), IdentifierBase(identifierBase));
        Assert.Equal((row, NodeOptions.Text(node["expected"])), (row, actual));
    }

    // truncations.js: truncate(version, release) === expected (null for invalid input).
    [Theory]
    [MemberData(nameof(TruncationRows))]
    public void Truncate_Row_ReturnsExpected(int row, string json)
    {
        var node = JsonNode.Parse(json)!;
        Assert.Equal((row, NodeOptions.Text(node["expected"])),
            (row, NpmSemver.Truncate(NodeOptions.Text(node["version"]), NodeOptions.Text(node["release"]))));
    }

    /// <summary><c>identifierBase === false</c> means no number; otherwise <c>Number(x) ? 1 : 0</c>.</summary>
    private static NpmIdentifierBase IdentifierBase(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.False ? NpmIdentifierBase.None
        : value is null ? NpmIdentifierBase.Zero
        : double.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var n) && n != 0
        ? NpmIdentifierBase.One
        : NpmIdentifierBase.Zero;
}
