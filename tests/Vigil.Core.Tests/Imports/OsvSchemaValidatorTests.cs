using System.Text.Json;
using Vigil.Core.Imports.Osv;
using static Vigil.Core.Tests.Imports.ImportFixture;

namespace Vigil.Core.Tests.Imports;

public class OsvSchemaValidatorTests
{
    [Fact]
    public void Validate_PublishedExamples_AreValidAgainstTheSchemaAsReleased()
    {
        var files = Directory.GetFiles(OsvExamples, "*.json");

        var errors = files.SelectMany(file => OsvSchemaValidator.Published.Validate(Parse(File.ReadAllText(file))))
            .ToList();

        Assert.Equal(5, files.Length);
        Assert.Empty(errors);
    }

    /// <summary>Schema 1.7.5 <c>$defs/prefix</c> lists only registered databases; Vigil's default accepts local ones
    /// too.</summary>
    [Theory]
    [InlineData("NSWG-ECO-1", false, true)]
    [InlineData("NSWG-COR-7", false, true)]
    [InlineData("VIGIL-2024-1", false, true)]
    [InlineData("GHSA-vh95-rmgr-6w4m", true, true)]
    [InlineData("no-prefix", false, true)]
    [InlineData("-1", false, false)]
    [InlineData("1-2", false, false)]
    [InlineData("NOPREFIX", false, false)]
    public void Validate_IdPrefix_PublishedSchemaNeedsARegisteredDatabaseDefaultAnyPrefix(string id, bool published,
        bool @default)
    {
        var document = Parse($$"""{"id":"{{id}}","modified":"2024-01-02T03:04:05Z"}""");

        var strict = OsvSchemaValidator.Published.Validate(document);
        var relaxed = OsvSchemaValidator.Default.Validate(document);

        Assert.Equal(published, strict.Count == 0);
        Assert.Equal(@default, relaxed.Count == 0);
        Assert.All(strict.Concat(relaxed), error => Assert.Equal(("/id", "pattern"), (error.Pointer, error.Keyword)));
    }

    [Fact]
    public void ReadSchemaText_EmbeddedSchema_IsTheReleasedFile()
    {
        var shipped = OsvSchemaValidator.ReadSchemaText();

        Assert.Equal(File.ReadAllText(SharedData.Path("specs", "osv", "schema-v1.7.5.json")), shipped);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
