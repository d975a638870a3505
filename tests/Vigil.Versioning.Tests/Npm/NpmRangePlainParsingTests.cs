using Vigil.Versioning.Npm;

namespace Vigil.Versioning.Tests.Npm;

/// <summary>
/// The one-pass parser for plain comparator ranges must give exactly what node-semver's general
/// chain of rewrites gives, and must hand everything else to it.
/// </summary>
public sealed class NpmRangePlainParsingTests
{
    private static readonly NpmSemverOptions[] AllOptions =
        [NpmSemverOptions.Default, NpmSemverOptions.NpmAudit, new NpmSemverOptions(Loose: true),
            new NpmSemverOptions(IncludePrerelease: true)];

    [Theory]
    [InlineData(">=1.2.0 <1.4.7")]
    [InlineData("<3.1.12 || >=4.0.0 <4.0.3")]
    [InlineData("<=4.11.3")]
    [InlineData("1.2.3")]
    [InlineData("=1.2.3")]
    [InlineData(">0.0.0")]
    [InlineData("<0.0.0")]
    [InlineData("  >=1.0.0   <2.0.0  ")]
    [InlineData(">=1.0.0 >=1.0.0 <2.0.0")]
    [InlineData("<1.0.0||>=2.0.0 <2.0.5||>=3.0.0")]
    [InlineData("1.2.3 || 1.2.3")]
    [InlineData("999999999.0.10")]
    public void TryParsePlain_PlainRange_AgreesWithTheGeneralParser(string value)
    {
        foreach (var options in AllOptions)
        {
            Assert.True(NpmRange.TryParsePlain(value, options, out var plain));
            Assert.True(NpmRange.TryParseGeneral(value, options, out var general));
            Assert.Equal(Describe(general), Describe(plain));
        }
    }

    [Theory]
    [InlineData(">=0.0.0")] // '*' without includePrerelease
    [InlineData(">=0.0.0 <1.2.3")]
    [InlineData("~1.2.3")]
    [InlineData("^1.2.3")]
    [InlineData("1.2.x")]
    [InlineData("1.2")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("1.2.3 - 2.0.0")]
    [InlineData(">= 1.2.3")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3-beta.1")]
    [InlineData("<1.2.3-0")]
    [InlineData("1.2.3+build")]
    [InlineData("v1.2.3")]
    [InlineData("||")]
    [InlineData("1.2.3 ||")]
    [InlineData("|| 1.2.3")]
    [InlineData("1.2.3 || || 2.0.0")]
    [InlineData("1.2.3|2.0.0")]
    [InlineData("1.2.3\t<2.0.0")]
    [InlineData("1.2.3<2.0.0")]
    [InlineData("<>1.2.3")]
    [InlineData("=>1.2.3")]
    [InlineData("1234567890.0.0")]
    [InlineData("1.2.3.4")]
    public void TryParsePlain_AnythingElse_IsLeftToTheGeneralParser(string value) =>
        Assert.False(NpmRange.TryParsePlain(value, NpmSemverOptions.NpmAudit, out _));

    [Fact]
    public void TryParse_RandomPlainLikeRanges_SameAsTheGeneralParser()
    {
        var random = new Random(20261129);
        string[] operators = ["", "=", "<", "<=", ">", ">=", "~", "^", "=>"];
        string[] numbers = ["0", "1", "2", "10", "01", "x", "123456789", "1234567890"];
        string[] separators = [" ", "  ", " || ", "||", "|", "\t", ""];
        var plainTaken = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(k =>
                (k == 0 ? "" : separators[random.Next(separators.Length)])
                + operators[random.Next(operators.Length)]
                + string.Join('.',
                    Enumerable.Range(0, random.Next(2, 5)).Select(_ => numbers[random.Next(numbers.Length)]))));
            foreach (var options in AllOptions)
            {
                var general = NpmRange.TryParseGeneral(text, options, out var expected);
                if (NpmRange.TryParsePlain(text, options, out var plain))
                {
                    plainTaken++;
                    Assert.True(general, $"'{text}' is not a range to node-semver");
                    Assert.Equal(Describe(expected!), Describe(plain));
                }
                Assert.Equal(general, NpmRange.TryParse(text, options, out var parsed));
                Assert.Equal(general ? Describe(expected!) : "", parsed is null ? "" : Describe(parsed));
            }
        }
        Assert.InRange(plainTaken, 1_000, 80_000); // the generator exercises the plain path, not only the fallback
    }

    /// <summary>Every alternative and comparator with its operator and version: the whole parsed range.</summary>
    private static string Describe(NpmRange range) =>
        $"{range} {range.Options} " + string.Join(" || ", range.ComparatorSets.Select(set =>
            string.Join(' ', set.Select(c => $"{c.Operator}:{c.Version?.ToFullString() ?? "ANY"}:{c.Value}"))));
}
