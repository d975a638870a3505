using System.Diagnostics.CodeAnalysis;
using static Vigil.Cvss.CvssV4Metrics;

namespace Vigil.Cvss;

/// <summary>
/// An immutable CVSS v4.0 vector such as <c>CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N</c>
/// and its scores.
/// </summary>
public sealed class CvssV4Vector : ICvssVector, IEquatable<CvssV4Vector>
{
    private const string Prefix = "CVSS:4.0";

    private readonly string[] _values;
    private readonly string _normalized;

    private CvssV4Vector(string[] values)
    {
        _values = values;
        _normalized = Table.Format(Prefix, values);
        Metrics = Table.Defined(values);

        var full = new CvssV4MacroVector(values);
        MacroVector = full.ToString();
        Score = CvssV4Scoring.Score(full);

        // CVSS-B: "Base metric values are combined with default values that assume the highest severity
        // for Threat and Environmental metrics" (§1), i.e. every Threat and Environmental metric at X.
        var baseOnly = values.Select((v, i) => i is >= FirstThreat and < FirstSupplemental ? "X" : v).ToArray();
        BaseScore = CvssV4Scoring.Score(new CvssV4MacroVector(baseOnly));

        var threat = values[FirstThreat..FirstEnvironmental].Any(v => v != "X");
        var environmental = values[FirstEnvironmental..FirstSupplemental].Any(v => v != "X");
        Nomenclature = "CVSS-B" + (threat ? "T" : "") + (environmental ? "E" : "");
    }

    public CvssVersion Version => CvssVersion.V4_0;

    public IReadOnlyList<CvssMetric> Metrics { get; }

    /// <summary>The CVSS-B score: Base metrics only.</summary>
    public double BaseScore { get; }

    /// <summary>The score of the whole vector, named by <see cref="Nomenclature"/>.</summary>
    public double Score { get; }

    /// <summary>
    /// §1.3 nomenclature of <see cref="Score"/>: <c>CVSS-B</c>, <c>CVSS-BT</c> (a Threat metric is
    /// defined), <c>CVSS-BE</c> (an Environmental metric is defined) or <c>CVSS-BTE</c>.
    /// </summary>
    public string Nomenclature { get; }

    /// <summary>The six EQ levels of the vector (§8.2), e.g. <c>000200</c>.</summary>
    public string MacroVector { get; }

    public CvssSeverity Severity => Cvss.GetSeverity(BaseScore);

    /// <summary>The value of metric <paramref name="name"/> (e.g. <c>AT</c>), <c>X</c> when not defined.</summary>
    /// <exception cref="ArgumentException">No CVSS v4.0 metric has that name.</exception>
    public string GetMetric(string name)
    {
        var index = Table.IndexOf(name);
        return index >= 0
            ? _values[index]
            : throw new ArgumentException($"unknown CVSS v4.0 metric '{name}'", nameof(name));
    }

    /// <exception cref="ArgumentNullException"><paramref name="vector"/> is null.</exception>
    /// <exception cref="FormatException">The vector is not a valid CVSS v4.0 vector; the message says why.</exception>
    public static CvssV4Vector Parse(string vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return TryParse(vector, out var result, out var error) ? result : throw new FormatException(error);
    }

    public static bool TryParse([NotNullWhen(true)] string? vector, [NotNullWhen(true)] out CvssV4Vector? result) =>
        TryParse(vector, out result, out _);

    /// <summary>
    /// Parses per v4.0 §7: "A vector string must contain metrics in the order shown in Table 23, every
    /// other ordering is invalid. All Base metrics must be included in a vector string. … A vector string
    /// must not include the same metric more than once." Names and values are case sensitive.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? vector,
        [NotNullWhen(true)] out CvssV4Vector? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!VectorPrefix.TryRead(vector, out var prefix, out var metricsStart, out error))
        {
            return false;
        }

        if (prefix != Prefix)
        {
            error = VectorPrefix.Unknown(prefix, "'CVSS:4.0'");
            return false;
        }

        if (!MetricListParser.TryParse(vector, metricsStart, Table, requireTableOrder: true, out var values, out error))
        {
            return false;
        }

        result = new CvssV4Vector(values);
        return true;
    }

    public override string ToString() => _normalized;

    public bool Equals(CvssV4Vector? other) => other is not null && _normalized == other._normalized;

    public override bool Equals(object? obj) => Equals(obj as CvssV4Vector);

    public override int GetHashCode() => _normalized.GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(CvssV4Vector? left, CvssV4Vector? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(CvssV4Vector? left, CvssV4Vector? right) => !(left == right);
}
