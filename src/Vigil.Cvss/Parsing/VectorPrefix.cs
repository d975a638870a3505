using System.Diagnostics.CodeAnalysis;

namespace Vigil.Cvss;

/// <summary>The label before the first <c>/</c> of a v3/v4 vector, e.g. <c>CVSS:3.1</c>.</summary>
internal static class VectorPrefix
{
    public static bool TryRead(
        [NotNullWhen(true)] string? vector,
        [NotNullWhen(true)] out string? prefix,
        out int metricsStart,
        [NotNullWhen(false)] out string? error)
    {
        prefix = null;
        metricsStart = 0;
        if (!Cvss.CheckNotEmpty(vector, out error))
        {
            return false;
        }

        var slash = vector.IndexOf('/');
        prefix = slash < 0 ? vector : vector[..slash];
        metricsStart = slash < 0 ? vector.Length + 1 : slash + 1;
        return true;
    }

    public static string Unknown(string prefix, string expected) =>
        $"unknown prefix '{prefix}' at position 0 (expected {expected})";
}
