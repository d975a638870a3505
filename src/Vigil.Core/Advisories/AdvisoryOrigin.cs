namespace Vigil.Core.Advisories;

/// <summary>
/// Provenance of a stored advisory (<see cref="AdvisoryEntity.Origin"/>): the two reserved values below,
/// or the name of a sync source (docs/sync.md). A sync source may not take a reserved name.
/// </summary>
public static class AdvisoryOrigin
{
    /// <summary>Published by one of this instance's programs.</summary>
    public const string Program = "program";

    /// <summary>Imported by hand (<c>vigil import</c>), including everything stored before provenance was
    /// recorded.</summary>
    public const string Import = "import";

    public const int MaxLength = 60;

    /// <summary>Whether a sync may replace a row of this origin: never the instance's own or a hand import.</summary>
    public static bool IsMirrored(string origin) => origin is not (Program or Import);
}
