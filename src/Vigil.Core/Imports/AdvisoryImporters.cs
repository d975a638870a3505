using Vigil.Core.Imports.NodejsWg;
using Vigil.Core.Imports.Osv;

namespace Vigil.Core.Imports;

/// <summary>
/// Every importer Vigil has, in the order they are asked. The Node.js WG layout comes first because
/// its directories are also "directories of JSON files", which the OSV importer would otherwise claim.
/// </summary>
public static class AdvisoryImporters
{
    public static IReadOnlyList<IAdvisoryImporter> All { get; } =
    [
        new NswgImporter(),
        new OsvImporter(),
    ];

    public static IAdvisoryImporter? Find(string path) => All.FirstOrDefault(importer => importer.CanImport(path));
}
