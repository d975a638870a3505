using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Vigil.Versioning.Npm.Internal;

namespace Vigil.Versioning.Npm;

public sealed partial class NpmVersion
{
    /// <summary>Parses like <c>new SemVer(value, options)</c>; throws <see cref="FormatException"/> where it
    /// throws.</summary>
    public static NpmVersion Parse(string value, NpmSemverOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, options, out var version)
            ? version
            : throw new FormatException($"Invalid Version: {value}");
    }

    /// <summary>Parses like <c>semver.parse(value, options)</c>: false where it returns null.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? value, NpmSemverOptions options, [NotNullWhen(true)] out NpmVersion? version)
    {
        version = null;
        if (value is null || value.Length > NpmGrammar.MaxLength)
        {
            return false;
        }

        var text = JsText.Trim(value.AsSpan());
        var m = NpmGrammar.VersionPlain(text, 0, options.Loose, NpmGrammar.EndTail);
        if (!m.Success
            || !TryComponent(m.Major.Span(text), out long major)
            || !TryComponent(m.Minor.Span(text), out long minor)
            || !TryComponent(m.Patch.Span(text), out long patch))
        {
            return false;
        }

        var prerelease = m.Prerelease.Matched ? SplitPrerelease(m.Prerelease.Span(text)) : NoPrerelease;
        var build = m.Build.Matched ? m.Build.Span(text).ToString().Split('.') : [];
        version = new NpmVersion(major, minor, patch, prerelease, build);
        if (text.Length == value.Length && m.Major.Start == 0 && !m.Build.Matched && !options.Loose)
        {
            // Strict input without prefix or build is already normalized: reuse it for ToString().
            version._normalized = value;
        }

        return true;
    }

    /// <inheritdoc cref="TryParse(string?, NpmSemverOptions, out NpmVersion?)"/>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out NpmVersion? version) =>
        TryParse(value, default, out version);

    /// <summary><c>+m[i]</c> must not exceed <c>MAX_SAFE_INTEGER</c> (leading zeros are allowed in loose
    /// mode).</summary>
    private static bool TryComponent(ReadOnlySpan<char> digits, out long value)
    {
        var significant = digits.TrimStart('0');
        value = 0;
        return significant.Length <= 16
            && (significant.Length == 0
                || long.TryParse(significant, NumberStyles.None, CultureInfo.InvariantCulture, out value))
            && value <= NpmGrammar.MaxSafeInteger;
    }

    internal static NpmPrereleaseIdentifier[] SplitPrerelease(ReadOnlySpan<char> text)
    {
        var result = new NpmPrereleaseIdentifier[text.Count('.') + 1];
        int n = 0;
        foreach (var range in text.Split('.'))
        {
            result[n++] = NpmPrereleaseIdentifier.FromText(text[range]);
        }

        return result;
    }
}
