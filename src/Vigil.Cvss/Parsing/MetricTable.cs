using System.Collections.Frozen;

namespace Vigil.Cvss;

/// <summary>
/// The vector table of one CVSS version, in the specification's order (v2 guide §2.4, v3.1 Table 15,
/// v4.0 Table 23). Values of a parsed vector are kept in an array indexed like this table.
/// </summary>
internal sealed class MetricTable
{
    private readonly FrozenDictionary<string, int> _indexByName;

    public MetricTable(string notDefined, params MetricDefinition[] metrics)
    {
        NotDefined = notDefined;
        Metrics = metrics;
        _indexByName = metrics.Select((m, i) => (m.Name, i))
            .ToFrozenDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The value that stands for an omitted optional metric: <c>X</c>, or <c>ND</c> in v2.</summary>
    public string NotDefined { get; }

    public IReadOnlyList<MetricDefinition> Metrics { get; }

    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

    public int IndexOf(ReadOnlySpan<char> name) =>
        _indexByName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var index) ? index : -1;

    /// <summary>The defined metrics of <paramref name="values"/> in table order.</summary>
    public CvssMetric[] Defined(string[] values) =>
        [.. values.Select((v, i) => new CvssMetric(Metrics[i].Name, v)).Where(m => m.Value != NotDefined)];

    /// <summary><paramref name="prefix"/> followed by every defined metric in table order.</summary>
    public string Format(string? prefix, string[] values)
    {
        var parts = Defined(values).Select(m => m.ToString());
        return prefix is null ? string.Join('/', parts) : string.Join('/', parts.Prepend(prefix));
    }
}
