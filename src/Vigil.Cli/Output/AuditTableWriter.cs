using System.Globalization;
using Spectre.Console;
using Vigil.Core.Advisories;
using Vigil.Core.Audit;

namespace Vigil.Cli.Output;

/// <summary>
/// The default <c>vigil audit</c> output: one small table per finding (as npm audit's classic report
/// did, which reads better than one wide table once titles and paths wrap), then npm's summary line.
/// </summary>
internal static class AuditTableWriter
{
    /// <summary>Dependency paths shown per finding; the JSON and SARIF outputs carry all of them.</summary>
    private const int PathsShown = 3;

    public static void Write(CliConsole console, AuditResult result)
    {
        foreach (var finding in result.Findings)
        {
            console.Ansi.Write(FindingTable(finding, result));
            console.Ansi.WriteLine();
        }
        // Plain writer, not Spectre: the summary line must not wrap (CI scripts grep it).
        console.Out.WriteLine(Summary(result.Report) + Scope(result.Report));
    }

    /// <summary>
    /// npm's wording: "found 0 vulnerabilities", "1 high severity vulnerability", "3 vulnerabilities (1 low, 2 high)".
    /// </summary>
    public static string Summary(AuditReport report)
    {
        var total = report.Findings.Count;
        if (total == 0)
        {
            return "found 0 vulnerabilities";
        }
        var counts = new[]
            {
                AdvisorySeverity.Info, AdvisorySeverity.Low, AdvisorySeverity.Moderate,
                AdvisorySeverity.High, AdvisorySeverity.Critical, AdvisorySeverity.Unknown,
            }
            .Select(severity => (Word: severity.ToNpmWord(), Count: report.Count(severity)))
            .Where(c => c.Count > 0)
            .ToList();
        var noun = total == 1 ? "vulnerability" : "vulnerabilities";
        return counts.Count == 1
            ? $"{total} {counts[0].Word} severity {noun}"
            : $"{total} {noun} ({string.Join(", ", counts.Select(c => $"{c.Count} {c.Word}"))})";
    }

    private static string Scope(AuditReport report)
    {
        var lockfiles = report.Lockfiles.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $" in {report.PackagesAudited} {(report.PackagesAudited == 1 ? "package" : "packages")} from "
            + $"{lockfiles} {(lockfiles == 1 ? "lockfile" : "lockfiles")}");
    }

    private static Table FindingTable(AuditFinding finding, AuditResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn(SeverityMarkup(finding.Severity)).NoWrap())
            .AddColumn(new TableColumn(
                new Text(finding.Summary ?? finding.Id, new Style(decoration: Decoration.Bold))));
        Row(table, "Package", $"{finding.Package}@{finding.Version}{(finding.Dev ? " (dev)" : "")}");
        Row(table, "Advisory", finding.Aliases.Count == 0
            ? finding.Id
            : $"{finding.Id} ({string.Join(", ", finding.Aliases)})");
        if (finding.VulnerableRange is { } range)
        {
            Row(table, "Vulnerable", range);
        }
        Row(table, "Fixed in", finding.FixedVersion ?? "no fix available");
        var more = finding.Paths.Count > PathsShown ? $"\n(and {finding.Paths.Count - PathsShown} more)" : "";
        Row(table, finding.Paths.Count == 1 ? "Path" : "Paths",
            string.Join("\n", finding.Paths.Take(PathsShown)
                .Select(p => p.Replace(">", " > ", StringComparison.Ordinal)))
            + more);
        Row(table, finding.Lockfiles.Count == 1 ? "Lockfile" : "Lockfiles",
            string.Join("\n", finding.Lockfiles.Select(result.Display)));
        if (result.Links(finding.Id).Url is { } url)
        {
            Row(table, "More info", url);
        }
        return table;
    }

    private static void Row(Table table, string label, string value) => table.AddRow(new Text(label), new Text(value));

    private static Markup SeverityMarkup(AdvisorySeverity severity)
    {
        var color = severity switch
        {
            AdvisorySeverity.Critical => "bold magenta",
            AdvisorySeverity.High => "bold red",
            AdvisorySeverity.Moderate => "yellow",
            AdvisorySeverity.Low => "blue",
            _ => "grey",
        };
        return new Markup($"[{color}]{severity.ToNpmWord()}[/]");
    }
}
