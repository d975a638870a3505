using Vigil.Core.Advisories.Osv;

namespace Vigil.Core.Advisories;

/// <summary>Reads ranges out of an OSV <c>affected</c> entry.</summary>
internal static class AffectedRanges
{
    /// <summary>The key under <c>affected[].database_specific</c> that keeps an exact npm range (the WG's <c>vulnerable_versions</c>).</summary>
    public const string NpmRangeKey = "vulnerable_versions";

    /// <summary>
    /// The exact npm range: the original one kept by an importer, else one equivalent to the OSV
    /// events and versions list. Null when the entry affects no version this way.
    /// </summary>
    public static string? ToNpmRange(OsvAffected affected)
    {
        var kept = AdvisoryRows.StringProperty(affected.DatabaseSpecific, NpmRangeKey);
        if (kept is not null)
        {
            return kept;
        }
        // TEMP: replaced by Vigil.Versioning's OSV→npm conversion.
        return null;
    }

    public static string? FirstFixed(OsvAffected affected) =>
        affected.Ranges?.SelectMany(r => r.Events).Select(e => e.Fixed).FirstOrDefault(f => f is not null);
}
