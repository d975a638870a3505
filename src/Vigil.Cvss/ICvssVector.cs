namespace Vigil.Cvss;

/// <summary>A parsed, immutable CVSS vector of any supported version.</summary>
public interface ICvssVector
{
    CvssVersion Version { get; }

    /// <summary>The score of the Base metrics alone (for v4.0 the CVSS-B score).</summary>
    double BaseScore { get; }

    /// <summary>The rating of <see cref="BaseScore"/>.</summary>
    CvssSeverity Severity { get; }

    /// <summary>
    /// The score of every metric group the vector carries: v2/v3 the Environmental score when an
    /// Environmental metric is defined, else the Temporal score when a Temporal metric is defined, else
    /// the Base score; v4.0 the CVSS-B, -BT, -BE or -BTE score.
    /// </summary>
    double Score { get; }

    /// <summary>The metrics that are defined (not <c>X</c>/<c>ND</c>), in the specification's order.</summary>
    IReadOnlyList<CvssMetric> Metrics { get; }

    /// <summary>The value of a metric by its abbreviated name; <c>X</c> (v2: <c>ND</c>) when not defined.</summary>
    /// <exception cref="ArgumentException">The version has no metric of that name.</exception>
    string GetMetric(string name);

    /// <summary>The normalized vector: the specification's metric order, Not Defined metrics left out.</summary>
    string ToString();
}
