using System.Globalization;
using Spectre.Console;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Cli.Output;

/// <summary>
/// The readable form of <c>vigil advisory show</c>: summary, severity, aliases, affected packages, references,
/// credits.
/// </summary>
internal static class AdvisoryView
{
    public static void Write(IAnsiConsole console, StoredAdvisory advisory)
    {
        var osv = advisory.Vulnerability;
        console.MarkupLine($"[bold]{Markup.Escape(osv.Id)}[/]  {Markup.Escape(osv.Summary ?? "(no summary)")}");
        if (osv.Withdrawn is { } withdrawn)
        {
            console.MarkupLine($"[yellow]Withdrawn on {Date(withdrawn)}: this advisory no longer applies.[/]");
        }
        console.WriteLine();

        var facts = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        facts.AddRow(Label("Severity"), Text(SeverityText(advisory)));
        AddIf(facts, "Aliases", osv.Aliases is { Count: > 0 } aliases ? string.Join(", ", aliases) : null);
        AddIf(facts, "Published", osv.Published is { } published ? Date(published) : null);
        facts.AddRow(Label("Modified"), Text(Date(osv.Modified)));
        facts.AddRow(Label("Source"), Text(advisory.Source));
        console.Write(facts);

        WriteAffected(console, osv);
        if (!string.IsNullOrWhiteSpace(osv.Details))
        {
            Section(console, "Details");
            console.WriteLine(osv.Details.Trim());
        }
        if (osv.References is { Count: > 0 } references)
        {
            Section(console, "References");
            foreach (var reference in references)
            {
                console.WriteLine($"- {reference.Url} ({reference.Type.ToLowerInvariant()})");
            }
        }
        if (osv.Credits is { Count: > 0 } credits)
        {
            Section(console, "Credits");
            foreach (var credit in credits)
            {
                var role = credit.Type is null ? "" : $" ({credit.Type.ToLowerInvariant().Replace('_', ' ')})";
                var contact = credit.Contact is { Count: > 0 } contacts ? " " + string.Join(", ", contacts) : "";
                console.WriteLine($"- {credit.Name}{role}{contact}");
            }
        }
    }

    public static string SeverityText(StoredAdvisory advisory)
    {
        var word = advisory.Severity.ToNpmWord();
        var vector = SeverityResolver.Resolve(advisory.Vulnerability).Vector;
        var score = advisory.CvssScore?.ToString("0.0", CultureInfo.InvariantCulture);
        return (score, vector) switch
        {
            (null, null) => word,
            (null, { } v) => $"{word} ({v})",
            ({ } s, null) => $"{word} (CVSS {s})",
            ({ } s, { } v) => $"{word} (CVSS {s}, {v})",
        };
    }

    private static void WriteAffected(IAnsiConsole console, OsvVulnerability osv)
    {
        if (osv.Affected is not { Count: > 0 } affected)
        {
            return;
        }
        Section(console, "Affected packages");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Ecosystem").AddColumn("Package").AddColumn("Vulnerable versions").AddColumn("Fixed in");
        foreach (var entry in affected)
        {
            table.AddRow(
                Text(entry.Package.Ecosystem),
                Text(entry.Package.Name),
                Text(OsvRangeText.Vulnerable(entry)),
                Text(OsvRangeText.Fixed(entry)));
        }
        console.Write(table);
    }

    private static void Section(IAnsiConsole console, string title)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]{title}[/]");
    }

    private static void AddIf(Grid grid, string label, string? value)
    {
        if (value is not null)
        {
            grid.AddRow(Label(label), Text(value));
        }
    }

    private static Markup Label(string text) => new($"[grey]{Markup.Escape(text)}[/]");

    private static Text Text(string text) => new(text);

    private static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
