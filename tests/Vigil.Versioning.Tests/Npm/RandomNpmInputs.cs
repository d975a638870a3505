namespace Vigil.Versioning.Tests.Npm;

/// <summary>
/// Random npm ranges and versions in the shapes registries and advisories contain, plus the sloppy
/// and broken ones (loose prefixes, missing hyphens, stray spaces, <c>x</c> in odd places, garbage).
/// </summary>
public sealed class RandomNpmInputs(int seed)
{
    private static readonly string[] CommonNumbers = ["0", "0", "1", "1", "2", "3", "10"];
    private static readonly string[] RareNumbers = ["01", "00", "9007199254740991", "9007199254740992",
        "123456789012345678901234"];
    private static readonly string[] Wildcards = ["x", "X", "*"];
    private static readonly string[] Tags = ["alpha", "alpha.1", "beta.2", "rc.1", "0", "1", "pre", "beta.x", "01",
        "a-b", "-", "alpha.0.beta"];
    private static readonly string[] Operators = ["", "", "=", ">", ">=", "<", "<=", "~", "~>", "^", "^", "~", ">=",
        "<"];
    private static readonly string[] RareOperators = ["<>", "==", "=>", "~^", ">~", "<=="];
    private static readonly string[] Prefixes = ["", "", "", "", "v", "=", "v=", " ", "= "];
    private static readonly string[] Spaces = ["", "", "", " ", "", "  ", "\t", "\u00a0"];
    private static readonly string[] Junk = ["blerg", ">", "", "*", "x", "latest", "1.2.3.4", "-", "||", "1.x.5", ">=*",
        "~", "^"];

    private readonly Random _random = new(seed);

    public string Version()
    {
        int roll = _random.Next(20);
        var core = $"{Number()}.{Number()}.{Number()}";
        return roll switch
        {
            < 8 => core,
            < 13 => core + "-" + Pick(Tags),
            < 14 => core + Pick(Tags), // loose: 1.2.3beta
            < 15 => core + "+build." + Number(),
            < 16 => Pick(Prefixes) + core + (_random.Next(2) == 0 ? "" : "-" + Pick(Tags)),
            < 17 => $"{Number()}.{Number()}", // invalid: two parts
            < 18 => " " + core + " ",
            < 19 => core + "-",
            _ => Pick(Junk),
        };
    }

    public string Range()
    {
        int alternatives = 1 + Weighted(3);
        var parts = Enumerable.Range(0, alternatives).Select(_ => Conjunction());
        return string.Join(Pick(["||", " || ", "  ||  ", " ||"]), parts);
    }

    private string Conjunction()
    {
        if (_random.Next(8) == 0)
        {
            return $"{Partial()} - {Partial()}";
        }

        int count = 1 + Weighted(3);
        return string.Join(Pick([" ", " ", " ", "  ", "\t"]), Enumerable.Range(0, count).Select(_ => Comparator()));
    }

    private string Comparator() => _random.Next(40) == 0 ? Pick(Junk)
        : (_random.Next(30) == 0 ? Pick(RareOperators) : Pick(Operators)) + Pick(Spaces) + Partial();

    private string Number() => _random.Next(15) == 0 ? Pick(RareNumbers) : Pick(CommonNumbers);

    private string Partial()
    {
        string Part() => _random.Next(6) == 0 ? Pick(Wildcards) : Number();
        var text = _random.Next(4) switch
        {
            0 => Part(),
            1 => $"{Part()}.{Part()}",
            _ => $"{Part()}.{Part()}.{Part()}",
        };
        if (_random.Next(4) == 0)
        {
            text += (_random.Next(5) == 0 ? "" : "-") + Pick(Tags);
        }

        if (_random.Next(12) == 0)
        {
            text += "+b" + Number();
        }

        return Pick(Prefixes.Where(p => !p.StartsWith(' ')).ToArray()) + text;
    }

    private int Weighted(int max) => Math.Min(max - 1, (int)Math.Floor(-Math.Log(1 - _random.NextDouble()) * 0.7));

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
