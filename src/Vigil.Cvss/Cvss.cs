using System.Diagnostics.CodeAnalysis;

namespace Vigil.Cvss;

/// <summary>Entry points that work on any CVSS version, and the severity scales.</summary>
public static class Cvss
{
    /// <summary>
    /// Parses a vector of any supported version, chosen by its prefix: <c>CVSS:3.0/</c> and <c>CVSS:3.1/</c>
    /// → <see cref="CvssV3Vector"/>, <c>CVSS:4.0/</c> → <see cref="CvssV4Vector"/>, and a vector without
    /// prefix (<c>AV:N/AC:L/Au:N/…</c>, as OSV's <c>CVSS_V2</c>) → <see cref="CvssV2Vector"/>.
    /// Never throws; <paramref name="error"/> says what is wrong and where.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? vector,
        [NotNullWhen(true)] out ICvssVector? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!VectorPrefix.TryRead(vector, out var prefix, out _, out error))
        {
            return false;
        }

        switch (prefix)
        {
            case "CVSS:3.0" or "CVSS:3.1":
                return Assign(CvssV3Vector.TryParse(vector, out var v3, out error), v3, out result);
            case "CVSS:4.0":
                return Assign(CvssV4Vector.TryParse(vector, out var v4, out error), v4, out result);
            case not null when prefix.StartsWith("CVSS:", StringComparison.Ordinal):
                error = VectorPrefix.Unknown(prefix, "'CVSS:3.0', 'CVSS:3.1' or 'CVSS:4.0'");
                return false;
        }

        if (CvssV2Vector.TryParse(vector, out var v2, out var v2Error))
        {
            result = v2;
            return true;
        }

        error =
            "unknown prefix: expected 'CVSS:3.0/', 'CVSS:3.1/' or 'CVSS:4.0/', and not a CVSS v2 vector either "
            + $"({v2Error})";
        return false;
    }

    /// <exception cref="ArgumentNullException"><paramref name="vector"/> is null.</exception>
    /// <exception cref="FormatException">Not a valid vector of a supported version; the message says why.</exception>
    public static ICvssVector Parse(string vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return TryParse(vector, out var result, out var error) ? result : throw new FormatException(error);
    }

    /// <summary>
    /// The qualitative rating of a score (v3.1 §5 Table 14, v4.0 §6): 0.0 None, 0.1–3.9 Low, 4.0–6.9
    /// Medium, 7.0–8.9 High, 9.0–10.0 Critical. Scores between the bands' one-decimal bounds (e.g. 3.95)
    /// take the band below the next bound.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The score is not within 0–10.</exception>
    public static CvssSeverity GetSeverity(double score)
    {
        CheckScore(score);
        return score switch
        {
            0 => CvssSeverity.None,
            < 4.0 => CvssSeverity.Low,
            < 7.0 => CvssSeverity.Medium,
            < 9.0 => CvssSeverity.High,
            _ => CvssSeverity.Critical,
        };
    }

    /// <summary>
    /// The npm audit word for a CVSS score: 0 → info, 0.1–3.9 → low, 4.0–6.9 → moderate, 7.0–8.9 → high,
    /// 9.0–10.0 → critical. These are the CVSS rating bands with npm's names ("moderate" for Medium and
    /// "info" for None), the same bands GitHub uses to rate advisories from their CVSS score.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The score is not within 0–10.</exception>
    public static NpmSeverity ToNpmSeverity(double score) => GetSeverity(score) switch
    {
        CvssSeverity.None => NpmSeverity.Info,
        CvssSeverity.Low => NpmSeverity.Low,
        CvssSeverity.Medium => NpmSeverity.Moderate,
        CvssSeverity.High => NpmSeverity.High,
        _ => NpmSeverity.Critical,
    };

    internal static bool CheckNotEmpty([NotNullWhen(true)] string? vector, [NotNullWhen(false)] out string? error)
    {
        error = vector is null ? "vector is null" : vector.Length == 0 ? "vector is empty" : null;
        return error is null;
    }

    private static void CheckScore(double score)
    {
        if (!(score is >= 0 and <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "a CVSS score is between 0.0 and 10.0");
        }
    }

    private static bool Assign<T>(bool parsed, T? vector, out ICvssVector? result)
        where T : class, ICvssVector
    {
        result = vector;
        return parsed;
    }
}
