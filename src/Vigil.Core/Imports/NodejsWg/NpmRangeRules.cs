namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// node-semver 7.x's rewriting of sugared comparators into primitive ones (<c>classes/range.js</c>:
/// <c>replaceCaret</c>, <c>replaceTilde</c>, <c>replaceXRange</c>, <c>hyphenReplace</c>), with
/// <c>includePrerelease</c> off. Upper bounds get <c>-0</c> so no prerelease of the next version slips in.
/// </summary>
internal static class NpmRangeRules
{
    /// <summary>^1.2.3 := &gt;=1.2.3 &lt;2.0.0-0; ^0.2.3 := &gt;=0.2.3 &lt;0.3.0-0; ^0.0.3 := &gt;=0.0.3 &lt;0.0.4-0.</summary>
    public static bool Caret(Partial p, List<Comparator> into)
    {
        if (p.Major is not { } major)
        {
            return true;
        }
        if (p.Minor is not { } minor)
        {
            return Between(V(major, 0, 0), V(major + 1, 0, 0, Zero), into);
        }
        if (p.Patch is not { } patch)
        {
            return Between(V(major, minor, 0), major == 0 ? V(0, minor + 1, 0, Zero) : V(major + 1, 0, 0, Zero), into);
        }
        var upper = major != 0 ? V(major + 1, 0, 0, Zero)
            : minor != 0 ? V(0, minor + 1, 0, Zero)
            : V(0, 0, patch + 1, Zero);
        return Between(V(major, minor, patch, p.Prerelease), upper, into);
    }

    /// <summary>~1.2.3 := &gt;=1.2.3 &lt;1.3.0-0; ~1.2 := &gt;=1.2.0 &lt;1.3.0-0; ~1 := &gt;=1.0.0 &lt;2.0.0-0.</summary>
    public static bool Tilde(Partial p, List<Comparator> into)
    {
        if (p.Major is not { } major)
        {
            return true;
        }
        if (p.Minor is not { } minor)
        {
            return Between(V(major, 0, 0), V(major + 1, 0, 0, Zero), into);
        }
        var lower = p.Patch is { } patch ? V(major, minor, patch, p.Prerelease) : V(major, minor, 0);
        return Between(lower, V(major, minor + 1, 0, Zero), into);
    }

    /// <summary>Operators with partial versions: &gt;1.2 := &gt;=1.3.0; &lt;=1.2 := &lt;1.3.0-0; 1.2 := &gt;=1.2.0 &lt;1.3.0-0; &lt;* matches nothing.</summary>
    public static bool XRange(string op, Partial p, List<Comparator> into)
    {
        if (!p.AnyX)
        {
            into.Add(new Comparator(Op(op), V(p.Major!.Value, p.Minor!.Value, p.Patch!.Value, p.Prerelease)));
            return true;
        }
        if (p.Major is not { } major)
        {
            if (op is ">" or "<")
            {
                into.Add(new Comparator(ComparatorOp.Less, V(0, 0, 0, Zero)));
            }
            return true;
        }
        if (op is "" or "=")
        {
            return p.Minor is { } m
                ? Between(V(major, m, 0), V(major, m + 1, 0, Zero), into)
                : Between(V(major, 0, 0), V(major + 1, 0, 0, Zero), into);
        }
        ulong minor = p.Minor ?? 0;
        var minorIsX = p.Minor is null;
        switch (op)
        {
            case ">":
                into.Add(new Comparator(ComparatorOp.GreaterOrEqual, minorIsX ? V(major + 1, 0, 0) : V(major, minor + 1, 0)));
                break;
            case "<=":
                into.Add(new Comparator(ComparatorOp.Less, minorIsX ? V(major + 1, 0, 0, Zero) : V(major, minor + 1, 0, Zero)));
                break;
            case "<":
                into.Add(new Comparator(ComparatorOp.Less, V(major, minor, 0, Zero)));
                break;
            default: // ">="
                into.Add(new Comparator(ComparatorOp.GreaterOrEqual, V(major, minor, 0)));
                break;
        }
        return true;
    }

    /// <summary>1.2 - 2.3.4 := &gt;=1.2.0 &lt;=2.3.4; 1.2.3 - 2.3 := &gt;=1.2.3 &lt;2.4.0-0.</summary>
    public static bool Hyphen(Partial from, Partial to, List<Comparator> into)
    {
        if (from.Major is { } fm)
        {
            into.Add(new Comparator(ComparatorOp.GreaterOrEqual,
                from.AnyX ? V(fm, from.Minor ?? 0, 0) : V(fm, from.Minor!.Value, from.Patch!.Value, from.Prerelease)));
        }
        if (to.Major is { } tm)
        {
            into.Add(to.Minor is not { } tmin ? new Comparator(ComparatorOp.Less, V(tm + 1, 0, 0, Zero))
                : to.Patch is not { } tp ? new Comparator(ComparatorOp.Less, V(tm, tmin + 1, 0, Zero))
                : new Comparator(ComparatorOp.LessOrEqual, V(tm, tmin, tp, to.Prerelease)));
        }
        return true;
    }

    private static readonly string[] Zero = ["0"];

    private static bool Between(SemverVersion lower, SemverVersion upperExclusive, List<Comparator> into)
    {
        into.Add(new Comparator(ComparatorOp.GreaterOrEqual, lower));
        into.Add(new Comparator(ComparatorOp.Less, upperExclusive));
        return true;
    }

    private static SemverVersion V(ulong major, ulong minor, ulong patch, IReadOnlyList<string>? prerelease = null) =>
        new(major, minor, patch, prerelease is { Count: > 0 } ? prerelease : null);

    private static ComparatorOp Op(string op) => op switch
    {
        "<" => ComparatorOp.Less,
        "<=" => ComparatorOp.LessOrEqual,
        ">" => ComparatorOp.Greater,
        ">=" => ComparatorOp.GreaterOrEqual,
        _ => ComparatorOp.Equal,
    };
}
