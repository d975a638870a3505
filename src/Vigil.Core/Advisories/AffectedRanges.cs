using Vigil.Core.Advisories.Osv;
using Vigil.Versioning.Osv;
using Evaluation = Vigil.Versioning.Osv;

namespace Vigil.Core.Advisories;

/// <summary>Reads ranges out of an OSV <c>affected</c> entry.</summary>
public static class AffectedRanges
{
    /// <summary>The key under <c>affected[].database_specific</c> that keeps an exact npm range (the WG's
    /// <c>vulnerable_versions</c>).</summary>
    public const string NpmRangeKey = "vulnerable_versions";

    /// <summary>
    /// The exact npm range: the original one kept by an importer, else one equivalent to the OSV
    /// events and versions list. Null when the entry affects no version this way.
    /// </summary>
    public static string? ToNpmRange(Osv.OsvAffected affected)
    {
        var kept = AdvisoryRows.StringProperty(affected.DatabaseSpecific, NpmRangeKey);
        return kept ?? OsvNpmRanges.ToNpmRange(ToEvaluation(affected));
    }

    /// <summary>The stored entry as the evaluator's input (OSV schema § Evaluation).</summary>
    public static Evaluation.OsvAffected ToEvaluation(Osv.OsvAffected affected) => new(
        affected.Package.Ecosystem,
        (affected.Ranges ?? [])
            .Select(r => new OsvRange(r.Type, r.Events.Select(ToEvent).OfType<OsvEvent>().ToList()))
            .ToList(),
        affected.Versions ?? []);

    public static string? FirstFixed(Osv.OsvAffected affected) =>
        affected.Ranges?.SelectMany(r => r.Events).Select(e => e.Fixed).FirstOrDefault(f => f is not null);

    private static OsvEvent? ToEvent(OsvEventModel e) =>
        e.Introduced is { } introduced ? OsvEvent.Introduced(introduced)
        : e.Fixed is { } fixedVersion ? OsvEvent.Fixed(fixedVersion)
        : e.LastAffected is { } last ? OsvEvent.LastAffected(last)
        : e.Limit is { } limit ? OsvEvent.Limit(limit)
        : null;
}
