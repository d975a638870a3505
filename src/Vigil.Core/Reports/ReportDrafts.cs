using Vigil.Core.Publication;

namespace Vigil.Core.Reports;

/// <summary>
/// A report as the advisory it becomes. Each package's ranges are derived exactly from the reported range
/// and the fixed versions (<see cref="ReportFixes.Draft"/>, docs/publication.md). The proof of concept
/// stays private; the description is published.
/// </summary>
internal static class ReportDrafts
{
    public static AdvisoryDraft From(ReportEntity report, ReportContent content, IReadOnlyList<string>? aliases = null)
    {
        // A declined credit is not published; an anonymous one is, without the name (docs/disclosure.md, credits).
        var finder = string.IsNullOrWhiteSpace(content.CreditName) || content.FinderCreditDeclined
            ? []
            : new[]
            {
                new DraftCredit(
                    content.FinderCreditAnonymous ? ReportCredit.AnonymousName : content.CreditName, "FINDER"),
            };
        var credits = finder
            .Concat(content.Credits.Where(c => !c.Declined).Select(
                c => new DraftCredit(c.Anonymous ? ReportCredit.AnonymousName : c.Name, c.Type)))
            .ToList();
        return new AdvisoryDraft(
            content.Title,
            content.Description,
            report.Packages.OrderBy(p => p.Id).Select(ReportFixes.Draft).ToList(),
            CvssVector: report.CvssVector,
            Cwes: report.Cwe is { } cwe ? [cwe] : null,
            References: content.References.Count > 0 ? content.References : null,
            Credits: credits.Count > 0 ? credits : null,
            Aliases: aliases);
    }

}
