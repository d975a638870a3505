namespace Vigil.Versioning.Npm;

public sealed partial class NpmRange
{
    /// <summary>
    /// <c>range.intersects(other, options)</c>: some satisfiable alternative of each range whose
    /// comparators pairwise intersect.
    /// </summary>
    public bool Intersects(NpmRange other, NpmSemverOptions options)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var mine in _sets)
        {
            if (!IsSatisfiable(mine, options))
            {
                continue;
            }

            foreach (var theirs in other._sets)
            {
                if (IsSatisfiable(theirs, options) && mine.All(a => theirs.All(b => a.Intersects(b, options))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <inheritdoc cref="Intersects(NpmRange, NpmSemverOptions)"/>
    public bool Intersects(NpmRange other) => Intersects(other, Options);

    private static bool IsSatisfiable(NpmComparator[] set, NpmSemverOptions options)
    {
        for (int i = set.Length - 1; i > 0; i--)
        {
            for (int j = 0; j < i; j++)
            {
                if (!set[i].Intersects(set[j], options))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary><c>semver.gtr(version, range)</c>: true when the version is above every version the range
    /// admits.</summary>
    public bool IsAbove(NpmVersion version) => IsOutside(version, above: true);

    /// <summary><c>semver.ltr(version, range)</c>: true when the version is below every version the range
    /// admits.</summary>
    public bool IsBelow(NpmVersion version) => IsOutside(version, above: false);

    /// <summary>node-semver <c>ranges/outside.js</c>, written for "above"; "below" mirrors every test.</summary>
    private bool IsOutside(NpmVersion version, bool above)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (IsSatisfiedBy(version))
        {
            return false;
        }

        int sign = above ? 1 : -1;
        var (comp, ecomp) = above
            ? (NpmComparatorOperator.Greater, NpmComparatorOperator.GreaterOrEqual)
            : (NpmComparatorOperator.Less, NpmComparatorOperator.LessOrEqual);
        var zero = NpmComparator.Create(NpmComparatorOperator.GreaterOrEqual, new NpmVersion(0, 0, 0));
        foreach (var set in _sets)
        {
            NpmComparator? high = null, low = null;
            foreach (var original in set)
            {
                var c = original.IsAny ? zero : original;
                high ??= c;
                low ??= c;
                if (sign * c.Version!.CompareTo(high.Version) > 0)
                {
                    high = c;
                }
                else if (sign * c.Version.CompareTo(low.Version) < 0)
                {
                    low = c;
                }
            }

            // If the edge comparator points outward, the version isn't outside this set.
            if (high!.Operator == comp || high.Operator == ecomp)
            {
                return false;
            }

            int vsLow = sign * version.CompareTo(low!.Version);
            if ((low.Operator == NpmComparatorOperator.Equal || low.Operator == comp) && vsLow <= 0)
            {
                return false;
            }

            if (low.Operator == ecomp && vsLow < 0)
            {
                return false;
            }
        }

        return true;
    }
}
