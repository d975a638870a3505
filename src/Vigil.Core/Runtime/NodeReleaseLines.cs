using Vigil.Versioning.Npm;

namespace Vigil.Core.Runtime;

/// <summary>
/// When each Node.js release line stops getting fixes (its end of life in the Node.js release schedule),
/// for <c>vigil audit</c>'s runtime check: a version of an ended line is unsupported whatever the
/// advisories say, as the WG's <c>is-my-node-vulnerable</c> reports it. A line the table does not know
/// (one released after this build) has no date, and nothing is claimed about it; the table is kept
/// current with each release of Vigil (docs/cli.md, "The Node.js runtime").
/// </summary>
public static class NodeReleaseLines
{
    private static readonly Dictionary<string, DateOnly> EndOfLife = new(StringComparer.Ordinal)
    {
        ["0.8"] = new(2014, 7, 31),
        ["0.10"] = new(2016, 10, 31),
        ["0.12"] = new(2016, 12, 31),
        ["4"] = new(2018, 4, 30),
        ["5"] = new(2016, 6, 30),
        ["6"] = new(2019, 4, 30),
        ["7"] = new(2017, 6, 30),
        ["8"] = new(2019, 12, 31),
        ["9"] = new(2018, 6, 30),
        ["10"] = new(2021, 4, 30),
        ["11"] = new(2019, 6, 1),
        ["12"] = new(2022, 4, 30),
        ["13"] = new(2020, 6, 1),
        ["14"] = new(2023, 4, 30),
        ["15"] = new(2021, 6, 1),
        ["16"] = new(2023, 9, 11),
        ["17"] = new(2022, 6, 1),
        ["18"] = new(2025, 4, 30),
        ["19"] = new(2023, 6, 1),
        ["20"] = new(2026, 4, 30),
        ["21"] = new(2024, 6, 1),
        ["22"] = new(2027, 4, 30),
        ["23"] = new(2025, 6, 1),
        ["24"] = new(2028, 4, 30),
        ["25"] = new(2026, 6, 1),
        ["26"] = new(2029, 4, 30),
    };

    /// <summary>The release line of a version: "0.12" for 0.x releases, else the major ("20").</summary>
    public static string Line(NpmVersion version) =>
        version.Major == 0
            ? $"0.{version.Minor}"
            : version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The line's end of life, or null for a line this build does not know.</summary>
    public static DateOnly? EndOfLifeOf(NpmVersion version) =>
        EndOfLife.TryGetValue(Line(version), out var date) ? date : null;

    /// <summary>The end of life of the version's line when it has passed on <paramref name="today"/>, else
    /// null.</summary>
    public static DateOnly? Ended(NpmVersion version, DateOnly today) =>
        EndOfLifeOf(version) is { } date && date <= today ? date : null;
}
