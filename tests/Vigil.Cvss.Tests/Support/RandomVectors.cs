namespace Vigil.Cvss.Tests.Support;

/// <summary>
/// Random valid vectors for the differential tests. <see cref="Vector.Canonical"/> lists the metrics in the
/// specification's order (what the oracle reads); <see cref="Vector.Input"/> is what our parser reads:
/// for v2 and v3, whose specifications accept any order, the same metrics shuffled half of the time.
/// </summary>
public sealed class RandomVectors(int seed)
{
    private static readonly (string Name, string[] Values, bool Mandatory)[] V2 =
    [
        ("AV", ["L", "A", "N"], true), ("AC", ["H", "M", "L"], true), ("Au", ["M", "S", "N"], true),
        ("C", ["N", "P", "C"], true), ("I", ["N", "P", "C"], true), ("A", ["N", "P", "C"], true),
        ("E", ["U", "POC", "F", "H", "ND"], false), ("RL", ["OF", "TF", "W", "U", "ND"], false),
        ("RC", ["UC", "UR", "C", "ND"], false),
        ("CDP", ["N", "L", "LM", "MH", "H", "ND"], false), ("TD", ["N", "L", "M", "H", "ND"], false),
        ("CR", ["L", "M", "H", "ND"], false), ("IR", ["L", "M", "H", "ND"], false),
        ("AR", ["L", "M", "H", "ND"], false),
    ];

    private static readonly (string Name, string[] Values, bool Mandatory)[] V3 =
    [
        ("AV", ["N", "A", "L", "P"], true), ("AC", ["L", "H"], true), ("PR", ["N", "L", "H"], true),
        ("UI", ["N", "R"], true),
        ("S", ["U", "C"], true), ("C", ["H", "L", "N"], true), ("I", ["H", "L", "N"], true),
        ("A", ["H", "L", "N"], true),
        ("E", ["X", "H", "F", "P", "U"], false), ("RL", ["X", "U", "W", "T", "O"], false),
        ("RC", ["X", "C", "R", "U"], false),
        ("CR", ["X", "H", "M", "L"], false), ("IR", ["X", "H", "M", "L"], false), ("AR", ["X", "H", "M", "L"], false),
        ("MAV", ["X", "N", "A", "L", "P"], false), ("MAC", ["X", "L", "H"], false),
        ("MPR", ["X", "N", "L", "H"], false),
        ("MUI", ["X", "N", "R"], false), ("MS", ["X", "U", "C"], false), ("MC", ["X", "N", "L", "H"], false),
        ("MI", ["X", "N", "L", "H"], false), ("MA", ["X", "N", "L", "H"], false),
    ];

    private static readonly (string Name, string[] Values, bool Mandatory)[] V4 =
    [
        ("AV", ["N", "A", "L", "P"], true), ("AC", ["L", "H"], true), ("AT", ["N", "P"], true),
        ("PR", ["N", "L", "H"], true),
        ("UI", ["N", "P", "A"], true), ("VC", ["H", "L", "N"], true), ("VI", ["H", "L", "N"], true),
        ("VA", ["H", "L", "N"], true),
        ("SC", ["H", "L", "N"], true), ("SI", ["H", "L", "N"], true), ("SA", ["H", "L", "N"], true),
        ("E", ["X", "A", "P", "U"], false), ("CR", ["X", "H", "M", "L"], false), ("IR", ["X", "H", "M", "L"], false),
        ("AR", ["X", "H", "M", "L"], false), ("MAV", ["X", "N", "A", "L", "P"], false), ("MAC", ["X", "L", "H"], false),
        ("MAT", ["X", "N", "P"], false), ("MPR", ["X", "N", "L", "H"], false), ("MUI", ["X", "N", "P", "A"], false),
        ("MVC", ["X", "N", "L", "H"], false), ("MVI", ["X", "N", "L", "H"], false),
        ("MVA", ["X", "N", "L", "H"], false),
        ("MSC", ["X", "N", "L", "H"], false), ("MSI", ["X", "N", "L", "H", "S"], false),
        ("MSA", ["X", "N", "L", "H", "S"], false),
        ("S", ["X", "N", "P"], false), ("AU", ["X", "N", "Y"], false), ("R", ["X", "A", "U", "I"], false),
        ("V", ["X", "D", "C"], false), ("RE", ["X", "L", "M", "H"], false),
        ("U", ["X", "Clear", "Green", "Amber", "Red"], false),
    ];

    private readonly Random _random = new(seed);

    public Vector NextV2() => Next(null, V2, shuffle: true);

    public Vector NextV3(string prefix) => Next(prefix, V3, shuffle: true);

    public Vector NextV4() => Next("CVSS:4.0", V4, shuffle: false);

    private Vector Next(string? prefix, (string Name, string[] Values, bool Mandatory)[] table, bool shuffle)
    {
        // A third of the vectors carry Base metrics only; the rest each optional metric with probability 1/2.
        var optional = _random.Next(3) > 0;
        var metrics = table
            .Where(m => m.Mandatory || (optional && _random.Next(2) == 0))
            .Select(m => $"{m.Name}:{m.Values[_random.Next(m.Values.Length)]}")
            .ToArray();
        var canonical = Join(prefix, metrics);
        if (shuffle && _random.Next(2) == 0)
        {
            _random.Shuffle(metrics);
        }

        return new Vector(Join(prefix, metrics), canonical);
    }

    private static string Join(string? prefix, string[] metrics) =>
        prefix is null ? string.Join('/', metrics) : $"{prefix}/{string.Join('/', metrics)}";

    public sealed record Vector(string Input, string Canonical);
}
