using System.Diagnostics.CodeAnalysis;
using static Vigil.Cvss.CvssV3Metrics;

namespace Vigil.Cvss;

/// <summary>
/// An immutable CVSS v3.0 or v3.1 vector such as <c>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</c>,
/// with its Base, Temporal and Environmental scores.
/// </summary>
public sealed class CvssV3Vector : ICvssVector, IEquatable<CvssV3Vector>
{
    private readonly string[] _values;
    private readonly string _normalized;

    private CvssV3Vector(CvssVersion version, string[] values)
    {
        Version = version;
        _values = values;
        _normalized = Table.Format(version == CvssVersion.V3_0 ? "CVSS:3.0" : "CVSS:3.1", values);
        Metrics = Table.Defined(values);
        (BaseScore, TemporalScore, EnvironmentalScore) = CvssV3Scoring.Score(values, version == CvssVersion.V3_1);
        HasTemporalMetrics = values[FirstTemporal..FirstEnvironmental].Any(v => v != "X");
        HasEnvironmentalMetrics = values[FirstEnvironmental..].Any(v => v != "X");
    }

    public CvssVersion Version { get; }

    public IReadOnlyList<CvssMetric> Metrics { get; }

    /// <summary>§7.1 BaseScore.</summary>
    public double BaseScore { get; }

    /// <summary>§7.2 TemporalScore (equal to the Base score when no Temporal metric is defined).</summary>
    public double TemporalScore { get; }

    /// <summary>§7.3 EnvironmentalScore, computed with every Not Defined metric at its default.</summary>
    public double EnvironmentalScore { get; }

    public bool HasTemporalMetrics { get; }

    public bool HasEnvironmentalMetrics { get; }

    public double Score =>
        HasEnvironmentalMetrics ? EnvironmentalScore : HasTemporalMetrics ? TemporalScore : BaseScore;

    public CvssSeverity Severity => Cvss.GetSeverity(BaseScore);

    /// <summary>The value of metric <paramref name="name"/> (e.g. <c>AV</c>), <c>X</c> when not defined.</summary>
    /// <exception cref="ArgumentException">No CVSS v3 metric has that name.</exception>
    public string GetMetric(string name)
    {
        var index = Table.IndexOf(name);
        return index >= 0
            ? _values[index]
            : throw new ArgumentException($"unknown CVSS v3 metric '{name}'", nameof(name));
    }

    /// <exception cref="ArgumentNullException"><paramref name="vector"/> is null.</exception>
    /// <exception cref="FormatException">The vector is not a valid CVSS v3.0/v3.1 vector; the message says
    /// why.</exception>
    public static CvssV3Vector Parse(string vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return TryParse(vector, out var result, out var error) ? result : throw new FormatException(error);
    }

    public static bool TryParse([NotNullWhen(true)] string? vector, [NotNullWhen(true)] out CvssV3Vector? result) =>
        TryParse(vector, out result, out _);

    /// <summary>
    /// Parses per v3.1 §6: the <c>CVSS:3.0</c> or <c>CVSS:3.1</c> label, every Base metric, optional
    /// Temporal and Environmental metrics (explicit <c>X</c> allowed), "Programs reading CVSS v3.1 vector
    /// strings must accept metrics in any order", and "must not include the same metric more than once".
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? vector,
        [NotNullWhen(true)] out CvssV3Vector? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!VectorPrefix.TryRead(vector, out var prefix, out var metricsStart, out error))
        {
            return false;
        }

        CvssVersion version;
        switch (prefix)
        {
            case "CVSS:3.0":
                version = CvssVersion.V3_0;
                break;
            case "CVSS:3.1":
                version = CvssVersion.V3_1;
                break;
            default:
                error = VectorPrefix.Unknown(prefix, "'CVSS:3.0' or 'CVSS:3.1'");
                return false;
        }

        if (!MetricListParser.TryParse(
            vector, metricsStart, Table, requireTableOrder: false, out var values, out error))
        {
            return false;
        }

        result = new CvssV3Vector(version, values);
        return true;
    }

    public override string ToString() => _normalized;

    public bool Equals(CvssV3Vector? other) => other is not null && _normalized == other._normalized;

    public override bool Equals(object? obj) => Equals(obj as CvssV3Vector);

    public override int GetHashCode() => _normalized.GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(CvssV3Vector? left, CvssV3Vector? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(CvssV3Vector? left, CvssV3Vector? right) => !(left == right);
}
