using System.Text;

namespace Vigil.Versioning.Npm;

/// <summary>
/// An npm range (node-semver 7.8.5 <c>Range</c>): alternatives joined by <c>||</c>, each a set of
/// comparators that must all pass. Parse once, then <see cref="IsSatisfiedBy(NpmVersion)"/> many times.
/// </summary>
public sealed partial class NpmRange
{
    private readonly NpmComparator[][] _sets;
    private string? _range;

    private NpmRange(NpmComparator[][] sets, NpmSemverOptions options)
    {
        _sets = sets;
        Options = options;
    }

    /// <summary>The options the range was parsed with; <c>IncludePrerelease</c> applies to matching.</summary>
    public NpmSemverOptions Options { get; }

    /// <summary>The alternatives (<c>range.set</c>), each a set of comparators that must all pass.</summary>
    public IReadOnlyList<IReadOnlyList<NpmComparator>> ComparatorSets => _sets;

    /// <summary>
    /// node-semver's <c>range.range</c>, e.g. <c>&gt;=1.2.3 &lt;2.0.0-0||&gt;=3.0.0</c>; empty for a
    /// match-all range (<c>validRange</c> prints that as <c>*</c>).
    /// </summary>
    public override string ToString() => _range ??= Format();

    private string Format()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < _sets.Length; i++)
        {
            if (i > 0)
            {
                sb.Append("||");
            }

            for (int k = 0; k < _sets[i].Length; k++)
            {
                if (k > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(_sets[i][k].Value);
            }
        }

        return sb.ToString();
    }

    /// <summary><c>range.test(version)</c>. Allocation-free.</summary>
    public bool IsSatisfiedBy(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        foreach (var set in _sets)
        {
            if (TestSet(set, version))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>range.test(string)</c>: parses with the range's <c>Loose</c> option; false if unparsable.</summary>
    public bool IsSatisfiedBy(string? version) =>
        NpmVersion.TryParse(version, Options, out var v) && IsSatisfiedBy(v);

    private bool TestSet(NpmComparator[] set, NpmVersion version)
    {
        foreach (var comparator in set)
        {
            if (!comparator.IsSatisfiedBy(version))
            {
                return false;
            }
        }

        if (!version.IsPrerelease || Options.IncludePrerelease)
        {
            return true;
        }

        // Without includePrerelease a prerelease only matches when some comparator of this set has a
        // prerelease on the same major.minor.patch: ^1.2.3-pr.1 admits 1.2.3-pr.2 but not 1.2.4-alpha.
        foreach (var comparator in set)
        {
            if (comparator.Version is { IsPrerelease: true } bound && bound.HasSameMain(version))
            {
                return true;
            }
        }

        return false;
    }
}
