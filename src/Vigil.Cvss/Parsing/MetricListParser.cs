using System.Diagnostics.CodeAnalysis;

namespace Vigil.Cvss;

/// <summary>
/// Reads the <c>NAME:VALUE/NAME:VALUE…</c> part of a vector against a <see cref="MetricTable"/>.
/// Positions in messages are zero-based character offsets of the offending metric in the whole string.
/// </summary>
internal static class MetricListParser
{
    /// <param name="requireTableOrder">
    /// v4.0 §7: "A vector string must contain metrics in the order shown in Table 23, every other
    /// ordering is invalid." v2 and v3 accept any order (v3.1 §6).
    /// </param>
    public static bool TryParse(
        string vector,
        int start,
        MetricTable table,
        bool requireTableOrder,
        [NotNullWhen(true)] out string[]? values,
        [NotNullWhen(false)] out string? error)
    {
        var found = new string?[table.Metrics.Count];
        var previous = -1;
        values = null;

        for (var position = start; position <= vector.Length;)
        {
            var end = vector.IndexOf('/', position);
            if (end < 0)
            {
                end = vector.Length;
            }

            var component = vector.AsSpan(position, end - position);
            var colon = component.IndexOf(':');
            if (component.IsEmpty)
            {
                error = $"empty metric at position {position}";
                return false;
            }

            if (colon <= 0 || colon == component.Length - 1)
            {
                error = $"malformed metric '{component}' at position {position}: expected NAME:VALUE";
                return false;
            }

            var index = table.IndexOf(component[..colon]);
            var name = component[..colon].ToString();
            var value = component[(colon + 1)..].ToString();
            if (index < 0)
            {
                error = $"unknown metric '{name}' at position {position}";
                return false;
            }

            var metric = table.Metrics[index];
            if (found[index] is not null)
            {
                error = $"duplicate metric '{name}' at position {position}";
                return false;
            }

            if (Array.IndexOf(metric.Values, value) < 0)
            {
                error =
                    $"metric '{name}' has invalid value '{value}' at position {position} (allowed: "
                    + $"{metric.AllowedValues})";
                return false;
            }

            if (requireTableOrder && index < previous)
            {
                error =
                    $"metric '{name}' at position {position} is out of order: '{name}' must come before "
                    + $"'{table.Metrics[previous].Name}'";
                return false;
            }

            // In table order a skipped mandatory metric is either later (out of order) or missing.
            for (var skipped = previous + 1; requireTableOrder && skipped < index; skipped++)
            {
                if (table.Metrics[skipped].Mandatory)
                {
                    var missing = table.Metrics[skipped].Name;
                    var later = vector.IndexOf($"/{missing}:", end, StringComparison.Ordinal);
                    error = later >= 0
                        ? $"metric '{missing}' at position {later + 1} is out of order: '{missing}' must come before "
                            + $"'{name}'"
                        : $"missing mandatory metric '{missing}' (expected before '{name}' at position {position})";
                    return false;
                }
            }

            found[index] = value;
            previous = index;
            position = end + 1;
        }

        for (var i = 0; i < found.Length; i++)
        {
            if (found[i] is null && table.Metrics[i].Mandatory)
            {
                error = $"missing mandatory metric '{table.Metrics[i].Name}'";
                return false;
            }
        }

        values = [.. found.Select(v => v ?? table.NotDefined)];
        error = null;
        return true;
    }
}
