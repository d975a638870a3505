using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Publication;
using Vigil.Core.Vex;

namespace Vigil.Core.Reports;

/// <summary>A maintainer's dispute as the report's participants see it.</summary>
/// <param name="Versions">The versions it covers per package; null: every reported version of every package.</param>
/// <param name="VexUrl">The published OpenVEX document's path (<c>/vex/3.json</c>), or null.</param>
public sealed record DisputeView(
    long Id, string State, string Justification, string ImpactStatement,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Versions, DateTimeOffset OpenedAt, DateTimeOffset? DecidedAt,
    string? VexUrl);

/// <summary>
/// The rules of a dispute's input (docs/disclosure.md, "Disputes"): a VEX justification, an impact statement of at most
/// <see cref="MaxStatement"/> characters, and optionally the versions it covers, each a version of the package inside
/// the reported range (a dispute of a version nobody reported says nothing).
/// </summary>
public static class ReportDisputes
{
    public const int MaxStatement = 2000, MaxVersionsPerPackage = 50, MaxVersionsText = 1000, MaxVersionsJson = 20_000;

    internal const string StatementPurpose = "vigil:report-dispute:v1";

    /// <summary>The report states a dispute may be opened in: accepted and embargoed, or published.</summary>
    public static bool CanOpen(ReportState state) => ReportStates.IsEmbargoed(state) || state == ReportState.Published;

    public static string VexPath(long disputeId) => $"/vex/{disputeId}.json";

    /// <summary>Checks the text of a statement under <paramref name="field"/>; returns it trimmed.</summary>
    internal static string? Statement(string? text, string field, bool required, Dictionary<string, string[]> errors)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors[field] = ["say why the package is not affected (at most 2,000 characters); it is published "
                    + "with the VEX document once the team publishes it."];
            }
            return null;
        }
        if (trimmed.Length > MaxStatement)
        {
            errors[field] = [$"at most {MaxStatement:N0} characters."];
            return null;
        }
        return trimmed;
    }

    /// <summary>
    /// The versions given per package name (<c>"1.4.0, 1.4.1"</c>), checked against the report's packages; null when
    /// none is given (the dispute then covers every reported version).
    /// </summary>
    internal static Dictionary<string, List<string>>? Versions(
        ReportEntity report, IReadOnlyDictionary<string, string>? given, Dictionary<string, string[]> errors)
    {
        if (given is null || given.All(g => string.IsNullOrWhiteSpace(g.Value)))
        {
            return null;
        }
        if (given.Count > ReportInputValidation.MaxPackages)
        {
            errors["versions"] = [$"at most {ReportInputValidation.MaxPackages} packages."];
            return null;
        }
        var versions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, text) in given.Where(g => !string.IsNullOrWhiteSpace(g.Value)))
        {
            var field = $"versions[{name}]";
            var package = report.Packages.FirstOrDefault(p => p.Name == name);
            if (package is null)
            {
                errors[field] = [$"report #{report.Id} does not name a package '{name}'."];
                continue;
            }
            if (text.Length > MaxVersionsText)
            {
                errors[field] = [$"at most {MaxVersionsText:N0} characters."];
                continue;
            }
            var list = ReportFixes.Split(text).Distinct(StringComparer.Ordinal).ToList();
            if (list.Count > MaxVersionsPerPackage)
            {
                errors[field] = [$"at most {MaxVersionsPerPackage} versions per package."];
                continue;
            }
            var ecosystem = EcosystemVersions.For(package.Ecosystem)!;
            if (list.FirstOrDefault(v => !ecosystem.IsVersion(v)) is { } bad)
            {
                errors[field] = [$"'{bad}' is not a {package.Ecosystem} version."];
                continue;
            }
            var reported = ReportFixes.Reported(package);
            if (list.FirstOrDefault(v => PublishedRange.Place(ecosystem, reported, v) != FixPlacement.InsideRange)
                is { } outside)
            {
                errors[field] = [$"'{outside}' is not in the reported range {package.AffectedVersions}: the report "
                    + "does not say it is affected."];
                continue;
            }
            versions[name] = list;
        }
        return versions;
    }

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>>? ReadVersions(string? json) =>
        json is null
            ? null
            : JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json)!
                .ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value, StringComparer.Ordinal);

    internal static string Count(IReadOnlyDictionary<string, IReadOnlyList<string>>? versions) =>
        versions is null ? "every reported version"
        : versions.Values.Sum(v => v.Count) is 1 ? "1 version" : $"{versions.Values.Sum(v => v.Count)} versions";

    /// <summary>The disputes of a report, oldest first, with their statements opened.</summary>
    internal static async Task<IReadOnlyList<DisputeView>> ViewAsync(
        VigilDbContext db, long reportId, byte[] dataKey, CancellationToken cancellationToken) =>
        (await db.ReportDisputes.AsNoTracking().Where(d => d.ReportId == reportId).OrderBy(d => d.Id)
            .ToListAsync(cancellationToken))
        .Select(d => new DisputeView(
            d.Id, d.State.ToString().ToLowerInvariant(), d.Justification.Name(),
            ReportVault.Open(dataKey, d.SealedImpactStatement, StatementPurpose), ReadVersions(d.Versions), d.OpenedAt,
            d.DecidedAt, d.VexPublishedAt is null ? null : VexPath(d.Id)))
        .ToList();
}
