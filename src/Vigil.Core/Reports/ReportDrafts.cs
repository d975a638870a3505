using NuGet.Versioning;
using Vigil.Core.Publication;
using Vigil.Versioning.Osv;

namespace Vigil.Core.Reports;

/// <summary>
/// A report as the advisory it becomes. The range starts where the reported range starts and, per
/// the publication rule (docs/publication.md), ends before the fixed version when one is known and is open-ended otherwise. The
/// proof of concept stays private; the description is published.
/// </summary>
internal static class ReportDrafts
{
    public static AdvisoryDraft From(ReportEntity report, ReportContent content, IReadOnlyList<string>? aliases = null)
    {
        // A declined credit is not published; an anonymous one is, without the name (docs/disclosure.md, credits).
        var finder = string.IsNullOrWhiteSpace(content.CreditName) || content.FinderCreditDeclined
            ? []
            : new[] { new DraftCredit(content.FinderCreditAnonymous ? ReportCredit.AnonymousName : content.CreditName, "FINDER") };
        var credits = finder
            .Concat(content.Credits.Where(c => !c.Declined).Select(c => new DraftCredit(c.Anonymous ? ReportCredit.AnonymousName : c.Name, c.Type)))
            .ToList();
        return new AdvisoryDraft(
            content.Title,
            content.Description,
            report.Packages.OrderBy(p => p.Id).Select(p => new DraftPackage(p.Ecosystem, p.Name, Introduced(p), p.FixedVersion)).ToList(),
            CvssVector: report.CvssVector,
            Cwes: report.Cwe is { } cwe ? [cwe] : null,
            References: content.References.Count > 0 ? content.References : null,
            Credits: credits.Count > 0 ? credits : null,
            Aliases: aliases);
    }

    private static string Introduced(ReportPackageEntity package)
    {
        if (package.Ecosystem == "npm")
        {
            return OsvNpmRanges.FromNpmRange(package.AffectedVersions)?.Events.FirstOrDefault(e => e.Kind == OsvEventKind.Introduced)?.Version ?? "0";
        }
        if (VersionRange.TryParse(package.AffectedVersions, out var range) && range.HasLowerBound && range.IsMinInclusive)
        {
            return range.MinVersion!.ToNormalizedString();
        }
        return "0";
    }
}
