namespace Vigil.Core.Imports.NodejsWg;

/// <summary>
/// The Node.js Security WG database (nodejs/security-wg, <c>vuln/</c>): ecosystem records
/// <c>npm/&lt;n&gt;.json</c> → <c>NSWG-ECO-&lt;n&gt;</c> (source "nswg-npm") and the core list
/// <c>core/index.json</c> → <c>NSWG-COR-&lt;n&gt;</c> (source "nswg-core"). <c>npm/index.json</c> repeats
/// the npm records and is read only when there are no numbered files; <c>core/&lt;n&gt;.json</c> repeat the
/// core list and are read only when there is no <c>index.json</c>. Import is lossless: the WG exporter
/// writes every record back as it was (see <see cref="NswgResidual"/>).
/// </summary>
public sealed class NswgImporter : IAdvisoryImporter
{
    public string Name => "nswg";

    public bool CanImport(string path) => NswgLayout.Detect(path) is not null;

    public IImportSource Open(string path, ImportOptions options) =>
        new NswgSource(NswgLayout.Detect(path) ?? throw new DirectoryNotFoundException(
            $"{path} is not a Node.js Security WG vuln/ directory"), options);
}
