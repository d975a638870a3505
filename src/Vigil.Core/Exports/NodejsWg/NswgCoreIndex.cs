using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.NodejsWg;

namespace Vigil.Core.Exports.NodejsWg;

/// <summary>
/// The WG's core list (<c>core/index.json</c>) being built: runtime advisories added in id order, keyed
/// by WG number in numeric order. Written by <see cref="NswgExporter"/> and served by the web host
/// (<c>GET /vuln/core/index.json</c>), so both give the same bytes.
/// </summary>
internal sealed class NswgCoreIndex
{
    private readonly SortedDictionary<long, JsonObject> _entries = [];

    public IEnumerable<(string Key, JsonObject Entry)> Entries => _entries.Select(e => (Key(e.Key), e.Value));

    public int Count => _entries.Count;

    /// <summary>Adds a non-withdrawn runtime advisory; false (with a problem when it collides) otherwise.</summary>
    public bool TryAdd(StoredAdvisory advisory, ICollection<ExportProblem> problems)
    {
        var v = advisory.Vulnerability;
        if (v.Withdrawn is not null || !NswgCoreDerivation.IsCore(v))
        {
            return false;
        }
        var number = NswgNumbering.Core(advisory);
        if (_entries.ContainsKey(number))
        {
            problems.Add(
                new ExportProblem(v.Id, $"core entry {number} is already written for another advisory; skipped"));
            return false;
        }
        var entry = NswgCoreDerivation.Derive(v);
        _entries[number] = v.Id.StartsWith(NswgFormat.CoreIdPrefix, StringComparison.Ordinal)
            ? NswgResidual.Apply(entry, Residual(v))
            : entry;
        return true;
    }

    /// <summary>The file as the WG wrote it: indented, no final newline.</summary>
    public string ToJson()
    {
        var index = new JsonObject();
        foreach (var (key, entry) in Entries)
        {
            index[key] = entry.DeepClone();
        }
        return NswgJsonWriter.Indented(index);
    }

    internal static JsonObject? Residual(OsvVulnerability v) =>
        v.DatabaseSpecific is { } ds && ds.TryGetPropertyValue(NswgResidual.Key, out var node)
            ? node as JsonObject
            : null;

    internal static string Key(long number) => number.ToString(CultureInfo.InvariantCulture);
}
