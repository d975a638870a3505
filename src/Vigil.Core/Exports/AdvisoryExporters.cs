using Vigil.Core.Exports.NodejsWg;
using Vigil.Core.Exports.Osv;

namespace Vigil.Core.Exports;

/// <summary>Every export format Vigil has.</summary>
public static class AdvisoryExporters
{
    public static IReadOnlyList<IAdvisoryExporter> All { get; } =
    [
        new OsvExporter(),
        new NswgExporter(),
    ];

    public static IAdvisoryExporter? Find(string format) =>
        All.FirstOrDefault(exporter => exporter.Format.Equals(format, StringComparison.OrdinalIgnoreCase));
}
