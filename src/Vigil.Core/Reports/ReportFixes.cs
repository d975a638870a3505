using Vigil.Core.Errors;
using Vigil.Core.Publication;

namespace Vigil.Core.Reports;

/// <summary>
/// The fixed versions of a report's package as given (<c>1.4.2</c>, or one per release line:
/// <c>1.2.5, 2.1.1</c>) and checked against the reported range: a fix must lie above reported versions and
/// inside none of them, unless the team confirms the narrower range it implies (docs/disclosure.md, "Fixed").
/// </summary>
internal static class ReportFixes
{
    public const int MaxLength = 100;

    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([',', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IReadOnlyList<string> fixes) => string.Join(", ", fixes);

    /// <summary>The reported intervals of a package; the whole version line when the stored range no longer
    /// parses.</summary>
    public static IReadOnlyList<VersionInterval> Reported(ReportPackageEntity package) =>
        EcosystemVersions.For(package.Ecosystem)?.ParseRange(package.AffectedVersions)
            ?? [new VersionInterval(null, null)];

    /// <summary>
    /// Checks <paramref name="fixes"/> of <paramref name="package"/>; on a problem, adds it under
    /// <paramref name="field"/> and returns false. Sets <paramref name="narrowed"/> when fixes lie inside the range and
    /// <paramref name="confirmNarrower"/> allows it.
    /// </summary>
    public static bool Check(
        ReportPackageEntity package, IReadOnlyList<string> fixes, bool confirmNarrower, string field,
        Dictionary<string, string[]> errors, out IReadOnlyList<VersionInterval>? narrowed)
    {
        narrowed = null;
        var versions = EcosystemVersions.For(package.Ecosystem)!;
        if (fixes.FirstOrDefault(f => !versions.IsVersion(f)) is { } bad)
        {
            errors[field] = [$"'{bad}' is not a {package.Ecosystem} version."];
            return false;
        }
        var reported = Reported(package);
        if (fixes.FirstOrDefault(
            f => PublishedRange.Place(versions, reported, f) == FixPlacement.BelowRange) is { } below)
        {
            errors[field] = [
                $"'{below}' lies below every version reported affected ({package.AffectedVersions}): it fixes none of "
                + "them."];
            return false;
        }
        if (fixes.FirstOrDefault(
            f => PublishedRange.Place(versions, reported, f) == FixPlacement.InsideRange) is not { } inside)
        {
            return true;
        }
        var candidate = PublishedRange.NarrowTo(versions, reported, fixes);
        if (!confirmNarrower)
        {
            errors[
                field] = [$"'{inside}' lies inside the reported range {package.AffectedVersions}: publishing it would "
                    + "tell users of "
                + $"reported versions from {inside} on that they are safe. Give the first version outside the range, "
                + "or the team confirms "
                + $"the narrower range {versions.FormatRange(candidate)} (confirmNarrowerRange)."];
            return false;
        }
        if (candidate.Count == 0)
        {
            errors[field] = [
                $"'{inside}' would leave no version of {package.AffectedVersions} affected; reject the report "
                + "instead."];
            return false;
        }
        narrowed = candidate;
        return true;
    }

    /// <summary>The package as published: its reported range and fixed versions, derived exactly.</summary>
    public static DraftPackage Draft(ReportPackageEntity package)
    {
        var versions = EcosystemVersions.For(package.Ecosystem)!;
        var fixes = Split(package.FixedVersion);
        var reported = Reported(package);
        if (fixes.FirstOrDefault(f => !versions.IsVersion(f)
            || PublishedRange.Place(versions, reported, f) != FixPlacement.Valid) is { } misplaced)
        {
            throw new ValidationFailedException(
                $"The fixed version {misplaced} of {package.Ecosystem}/{package.Name} is not outside and above the "
                + $"reported range {package.AffectedVersions}; mark the report fixed again with a valid fix.",
                new Dictionary<string, string[]>
                {
                    [$"fixedVersions[{package.Name}]"] = [$"'{misplaced}' is not a fix of {package.AffectedVersions}."],
                });
        }
        return new DraftPackage(
            package.Ecosystem, package.Name, Intervals: PublishedRange.Derive(versions, reported, fixes));
    }
}
