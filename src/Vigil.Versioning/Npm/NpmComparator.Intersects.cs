namespace Vigil.Versioning.Npm;

public sealed partial class NpmComparator
{
    /// <summary>
    /// <c>comparator.intersects(other, options)</c>: whether some version can pass both
    /// (node-semver 7.8.5 <c>classes/comparator.js</c>).
    /// </summary>
    public bool Intersects(NpmComparator other, NpmSemverOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Operator == NpmComparatorOperator.Equal)
        {
            // An exact version (or ANY) intersects whatever range the other comparator spells.
            return Version is null || NpmRange.Parse(other.Value, options).IsSatisfiedBy(Version);
        }

        if (other.Operator == NpmComparatorOperator.Equal)
        {
            return other.Version is null || NpmRange.Parse(Value, options).IsSatisfiedBy(other.Version);
        }

        // Special cases where nothing can possibly be lower.
        if (options.IncludePrerelease ? IsNullSet || other.IsNullSet
            : Value.StartsWith("<0.0.0", StringComparison.Ordinal)
                || other.Value.StartsWith("<0.0.0", StringComparison.Ordinal))
        {
            return false;
        }

        bool thisUp = IsUpward(Operator), otherUp = IsUpward(other.Operator);
        if (thisUp == otherUp)
        {
            return true; // same direction: both unbounded on the same side
        }

        if (string.Equals(Version!.ToString(), other.Version!.ToString(), StringComparison.Ordinal)
            && IsInclusive(Operator) && IsInclusive(other.Operator))
        {
            return true;
        }

        int c = Version.CompareTo(other.Version);
        return thisUp ? c < 0 : c > 0;
    }

    private static bool IsUpward(NpmComparatorOperator op) =>
        op is NpmComparatorOperator.Greater or NpmComparatorOperator.GreaterOrEqual;

    private static bool IsInclusive(NpmComparatorOperator op) =>
        op is NpmComparatorOperator.GreaterOrEqual or NpmComparatorOperator.LessOrEqual;
}
