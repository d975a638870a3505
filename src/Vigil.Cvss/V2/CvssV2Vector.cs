using System.Diagnostics.CodeAnalysis;
using static Vigil.Cvss.CvssV2Metrics;

namespace Vigil.Cvss;

/// <summary>
/// An immutable CVSS v2 vector such as <c>AV:N/AC:L/Au:N/C:P/I:P/A:P</c> (no prefix, as in OSV's
/// <c>CVSS_V2</c> severity), with its Base, Temporal and Environmental scores.
/// </summary>
public sealed class CvssV2Vector : ICvssVector, IEquatable<CvssV2Vector>
{
    private readonly string[] _values;
    private readonly string _normalized;

    private CvssV2Vector(string[] values)
    {
        _values = values;
        _normalized = Table.Format(null, values);
        Metrics = Table.Defined(values);
        (BaseScore, TemporalScore, EnvironmentalScore) = CvssV2Scoring.Score(values);
        HasTemporalMetrics = values[FirstTemporal..FirstEnvironmental].Any(v => v != "ND");
        HasEnvironmentalMetrics = values[FirstEnvironmental..].Any(v => v != "ND");
    }

    public CvssVersion Version => CvssVersion.V2_0;

    public IReadOnlyList<CvssMetric> Metrics { get; }

    public double BaseScore { get; }

    public double TemporalScore { get; }

    public double EnvironmentalScore { get; }

    public bool HasTemporalMetrics { get; }

    public bool HasEnvironmentalMetrics { get; }

    public double Score =>
        HasEnvironmentalMetrics ? EnvironmentalScore : HasTemporalMetrics ? TemporalScore : BaseScore;

    /// <summary>
    /// The v3.x rating bands applied to the v2 Base score. The v2 guide defines no rating scale; NVD
    /// rated v2 scores Low 0.0–3.9, Medium 4.0–6.9, High 7.0–10.0, which differs from this.
    /// </summary>
    public CvssSeverity Severity => Cvss.GetSeverity(BaseScore);

    /// <summary>The value of metric <paramref name="name"/> (e.g. <c>Au</c>), <c>ND</c> when not defined.</summary>
    /// <exception cref="ArgumentException">No CVSS v2 metric has that name.</exception>
    public string GetMetric(string name)
    {
        var index = Table.IndexOf(name);
        return index >= 0
            ? _values[index]
            : throw new ArgumentException($"unknown CVSS v2 metric '{name}'", nameof(name));
    }

    /// <exception cref="ArgumentNullException"><paramref name="vector"/> is null.</exception>
    /// <exception cref="FormatException">The vector is not a valid CVSS v2 vector; the message says why.</exception>
    public static CvssV2Vector Parse(string vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return TryParse(vector, out var result, out var error) ? result : throw new FormatException(error);
    }

    public static bool TryParse([NotNullWhen(true)] string? vector, [NotNullWhen(true)] out CvssV2Vector? result) =>
        TryParse(vector, out result, out _);

    /// <summary>
    /// Parses the v2 guide §2.4 form: the six Base metrics, then optional Temporal and Environmental
    /// metrics (explicit <c>ND</c> allowed), each metric once, in any order.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? vector,
        [NotNullWhen(true)] out CvssV2Vector? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!Cvss.CheckNotEmpty(vector, out error)
            || !MetricListParser.TryParse(vector, 0, Table, requireTableOrder: false, out var values, out error))
        {
            return false;
        }

        result = new CvssV2Vector(values);
        return true;
    }

    public override string ToString() => _normalized;

    public bool Equals(CvssV2Vector? other) => other is not null && _normalized == other._normalized;

    public override bool Equals(object? obj) => Equals(obj as CvssV2Vector);

    public override int GetHashCode() => _normalized.GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(CvssV2Vector? left, CvssV2Vector? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(CvssV2Vector? left, CvssV2Vector? right) => !(left == right);
}
