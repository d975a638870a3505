using System.Text.RegularExpressions;
using Vigil.Core.Data;

namespace Vigil.Web.Tests.Community;

/// <summary>/.well-known/security.txt against RFC 9116's format, on a fake clock.</summary>
public partial class SecurityTxtTests
{
    /// <summary>RFC 9116 § 2.5 (and the IANA registry of § 6.4): the fields a security.txt may have.</summary>
    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Acknowledgments", "Canonical", "Contact", "CSAF", "Encryption", "Expires", "Hiring", "Policy",
        "Preferred-Languages",
    };

    // § 2.5.5: "Expires: 2021-12-31T18:37:07.000Z" (RFC 3339 date-time, Internet profile of ISO 8601).
    [Theory]
    [InlineData(null, "2027-05-24T00:00:00Z")]
    [InlineData("365", "2027-11-25T00:00:00Z")]
    [InlineData("1", "2026-11-26T00:00:00Z")]
    public async Task Get_FakeClock_ExpiresDaysAfterToday(string? days, string expected)
    {
        await using var app = await CommunityApp.StartAsync(
            settings: days is null ? null
                : new Dictionary<string, string> { ["Vigil:SecurityTxt:ExpiresDays"] = days });

        var fields = await FieldsAsync(app);

        Assert.Equal(expected, Assert.Single(fields, f => f.Name == "Expires").Value);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Get_EveryLineIsAValidField(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider, settings: new Dictionary<string, string>
        {
            ["Vigil:SecurityTxt:PreferredLanguages"] = "en, de",
            ["Vigil:SecurityTxt:Policy"] = "https://vigil.example.test/programs/npm-eco/security-md",
        });

        var fields = await FieldsAsync(app);

        Assert.All(fields, f => Assert.Contains(f.Name, Fields));
        Assert.Single(fields, f => f.Name == "Expires");
        Assert.Single(fields, f => f.Name == "Preferred-Languages");
        Assert.Equal("en, de", fields.Single(f => f.Name == "Preferred-Languages").Value);
        Assert.Equal($"{CommunityApp.PublicUrl}/.well-known/security.txt",
            Assert.Single(fields, f => f.Name == "Canonical").Value);
        Assert.Equal([$"mailto:{CommunityApp.Email}", $"{CommunityApp.PublicUrl}/reports/new"],
            fields.Where(f => f.Name == "Contact").Select(f => f.Value));
        Assert.Equal("https://vigil.example.test/programs/npm-eco/security-md",
            Assert.Single(fields, f => f.Name == "Policy").Value);
    }

    [Fact]
    public async Task Get_HttpPublicUrl_WebUrisStillHttps()
    {
        await using var app = await CommunityApp.StartAsync(
            settings: new Dictionary<string, string> { ["Vigil:PublicUrl"] = "http://vigil.example.test" });

        var fields = await FieldsAsync(app);

        Assert.All(
            fields.Where(
                f => f.Name is "Canonical" or "Contact" && !f.Value.StartsWith("mailto:", StringComparison.Ordinal)),
            f => Assert.StartsWith("https://vigil.example.test/", f.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_NextDay_NewExpiresAndETag()
    {
        await using var app = await CommunityApp.StartAsync();
        var (_, _, first) = await app.GetAsync("/.well-known/security.txt");

        app.Clock.Advance(TimeSpan.FromDays(1));
        var fields = await FieldsAsync(app);
        var (_, _, second) = await app.GetAsync("/.well-known/security.txt");

        Assert.Equal("2027-05-25T00:00:00Z", fields.Single(f => f.Name == "Expires").Value);
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
    }

    /// <summary>Fetches the file and checks its framing: text/plain with charset=utf-8 (§ 3), LF or CRLF lines,
    /// comments or "Name: value".</summary>
    private static async Task<List<(string Name, string Value)>> FieldsAsync(CommunityApp app)
    {
        var (status, text, response) = await app.GetAsync("/.well-known/security.txt");
        Assert.Equal(200, status);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var fields = new List<(string, string)>();
        foreach (var line in text.TrimEnd('\n').Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }
            var match = FieldLine().Match(line);
            Assert.True(match.Success, $"not a field line: '{line}'");
            fields.Add((match.Groups[1].Value, match.Groups[2].Value));
        }
        Assert.Contains(fields, f => f.Item1 == "Contact");
        return fields;
    }

    // § 4 (ABNF): field-name ":" OWS value, value printable and without line breaks.
    [GeneratedRegex(@"^([A-Za-z0-9-]+): ([\x21-\x7E][\x20-\x7E]*)$")]
    private static partial Regex FieldLine();
}
