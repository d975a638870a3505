using System.Collections.Frozen;

namespace Vigil.Cvss;

/// <summary>
/// The highest severity vector(s) of each EQ level (v4.0 §8.2, Tables 24–30) and the depth of each
/// MacroVector plus one, in the order and form of the reference calculator's max_composed.js and
/// max_severity.js: the order matters, since the first highest vector that dominates the scored vector is used.
/// </summary>
internal static class CvssV4MaxVectors
{
    public static readonly string[][] Eq1 =
    [
        ["AV:N/PR:N/UI:N/"],
        ["AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/"],
        ["AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/"],
    ];

    public static readonly string[][] Eq2 =
    [
        ["AC:L/AT:N/"],
        ["AC:H/AT:N/", "AC:L/AT:P/"],
    ];

    /// <summary>Joint EQ3+EQ6 (Table 30), indexed [eq3][eq6]; level 20 "cannot exist".</summary>
    public static readonly string[][][] Eq3Eq6 =
    [
        [["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/"], ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/"]],
        [
            ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/"],
            [
                "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/",
                "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/",
            ],
        ],
        [[], ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/"]],
    ];

    public static readonly string[][] Eq4 = [["SC:H/SI:S/SA:S/"], ["SC:H/SI:H/SA:H/"], ["SC:L/SI:L/SA:L/"]];

    // EQ5's highest vector of each level is "E:A/", "E:P/", "E:U/": always the scored vector's own E.

    /// <summary>max_severity.js: "max severity distances in EQs MacroVectors (+1)".</summary>
    public static readonly int[] Eq1Depth = [1, 4, 5], Eq2Depth = [1, 2], Eq4Depth = [6, 5, 4];

    public static readonly int[][] Eq3Eq6Depth = [[7, 6], [8, 8], [0, 10]];

    private static readonly FrozenDictionary<string, (string Metric, string Value)[]> PartsByVector =
        Eq1.Concat(Eq2).Concat(Eq3Eq6.SelectMany(x => x)).Concat(Eq4)
            .SelectMany(x => x)
            .Distinct(StringComparer.Ordinal)
            .ToFrozenDictionary(v => v, Split, StringComparer.Ordinal);

    /// <summary>The metric values of one highest severity vector part such as <c>AV:N/PR:N/UI:N/</c>.</summary>
    public static (string Metric, string Value)[] Parsed(string part) => PartsByVector[part];

    private static (string Metric, string Value)[] Split(string part) =>
        [.. part.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':')).Select(p => (p[0], p[1]))];
}
