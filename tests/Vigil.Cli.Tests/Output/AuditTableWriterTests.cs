using Vigil.Cli.Output;
using Vigil.Core.Advisories;

namespace Vigil.Cli.Tests.Output;

public sealed class AuditTableWriterTests
{
    [Theory]
    [InlineData("", "found 0 vulnerabilities")]
    [InlineData("high", "1 high severity vulnerability")]
    [InlineData("high high", "2 high severity vulnerabilities")]
    [InlineData("high low high", "3 vulnerabilities (1 low, 2 high)")]
    [InlineData("critical info moderate", "3 vulnerabilities (1 info, 1 moderate, 1 critical)")]
    public void Summary_Severities_ReadsLikeNpmAudit(string severities, string expected)
    {
        var findings = severities.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select((word, i) => Findings.Make(id: $"TEST-{i}", severity: Parse(word)))
            .ToArray();

        Assert.Equal(expected, AuditTableWriter.Summary(Findings.Result(findings).Report));
    }

    [Fact]
    public void Write_ManyPaths_ShowsTheFirstThreeAndHowManyMore()
    {
        using var output = new StringWriter();
        var console = new CliConsole(output, TextWriter.Null);
        var finding = Findings.Make(paths: ["a>x", "b>x", "c>x", "d>x", "e>x"], fixedVersion: null, dev: true);

        AuditTableWriter.Write(console, Findings.Result(finding));

        var text = output.ToString();
        Assert.Contains("a > x", text, StringComparison.Ordinal);
        Assert.Contains("c > x", text, StringComparison.Ordinal);
        Assert.DoesNotContain("d > x", text, StringComparison.Ordinal);
        Assert.Contains("(and 2 more)", text, StringComparison.Ordinal);
        Assert.Contains("no fix available", text, StringComparison.Ordinal);
        Assert.Contains("left-pad@1.0.0 (dev)", text, StringComparison.Ordinal);
    }

    private static AdvisorySeverity Parse(string word) =>
        AdvisorySeverityNames.TryParse(word, out var severity) ? severity : throw new ArgumentException(word);
}
