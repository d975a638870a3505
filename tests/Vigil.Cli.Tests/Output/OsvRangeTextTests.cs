using System.Text.Json.Nodes;
using Vigil.Cli.Output;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Cli.Tests.Output;

public sealed class OsvRangeTextTests
{
    /// <summary>Events as "kind:version" words, e.g. "introduced:0 fixed:1.2.3".</summary>
    [Theory]
    [InlineData("introduced:0 fixed:1.2.3", "<1.2.3")]
    [InlineData("introduced:1.0.0 fixed:1.2.3", ">=1.0.0 <1.2.3")]
    [InlineData("introduced:0 fixed:0.2.1 introduced:1.0.0 fixed:1.2.3", "<0.2.1 || >=1.0.0 <1.2.3")]
    [InlineData("introduced:0 last_affected:1.5.1", "<=1.5.1")]
    [InlineData("introduced:2.0.0", ">=2.0.0")]
    [InlineData("introduced:0", "*")]
    public void Vulnerable_OsvEvents_ReadLikeARange(string events, string expected)
    {
        var affected = Affected(events);

        Assert.Equal(expected, OsvRangeText.Vulnerable(affected));
    }

    [Fact]
    public void Vulnerable_KeptNpmRange_IsShownAsImported()
    {
        var affected = Affected("introduced:0 last_affected:1.5.1");
        affected.DatabaseSpecific = new JsonObject
        {
            ["vulnerable_versions"] = "<= 1.5.1",
            ["patched_versions"] = ">= 1.5.2"
        };

        Assert.Equal(("<= 1.5.1", ">= 1.5.2"), (OsvRangeText.Vulnerable(affected), OsvRangeText.Fixed(affected)));
    }

    [Theory]
    [InlineData("introduced:0 fixed:0.2.1 introduced:1.0.0 fixed:1.2.3", "0.2.1, 1.2.3")]
    [InlineData("introduced:0 last_affected:1.5.1", "no fix")]
    public void Fixed_OsvEvents_ListsFixedVersions(string events, string expected) =>
        Assert.Equal(expected, OsvRangeText.Fixed(Affected(events)));

    private static OsvAffected Affected(string events) => new()
    {
        Package = new OsvPackage { Ecosystem = "npm", Name = "example" },
        Ranges =
        [
            new OsvRangeModel
            {
                Type = "SEMVER",
                Events = [.. events.Split(' ').Select(word => word.Split(':') switch
                {
                    ["introduced", var v] => new OsvEventModel { Introduced = v },
                    ["fixed", var v] => new OsvEventModel { Fixed = v },
                    ["last_affected", var v] => new OsvEventModel { LastAffected = v },
                    [_, var v] => new OsvEventModel { Limit = v },
                    _ => throw new ArgumentException(word),
                })],
            },
        ],
    };
}
