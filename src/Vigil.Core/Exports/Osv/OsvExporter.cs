using System.Text.Json;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.Osv;

namespace Vigil.Core.Exports.Osv;

/// <summary>
/// OSV 1.7.5 in osv.dev's layouts: <c>DIR/&lt;id&gt;.json</c> per advisory (indented), the bulk
/// <c>DIR/all.zip</c> (one <c>&lt;id&gt;.json</c> per entry at its root) and, like osv.dev's bucket,
/// <c>DIR/&lt;ecosystem&gt;/all.zip</c> per ecosystem of <c>affected[]</c> (the part before any ':' suffix).
/// Every document is checked against the schema before it is written (<see cref="OsvSchemaValidator.Default"/>);
/// one that fails is reported and left out rather than published broken.
/// </summary>
public sealed class OsvExporter : IAdvisoryExporter
{
    public const string BulkZip = "all.zip";

    public string Format => "osv";

    public async Task<ExportSummary> ExportAsync(
        IAsyncEnumerable<StoredAdvisory> advisories,
        int total,
        string directory,
        IProgress<ExportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var problems = new List<ExportProblem>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var perEcosystem = new Dictionary<string, ExportFiles.PendingZip>(StringComparer.Ordinal);
        int done = 0, written = 0, files = 0;
        using var all = new ExportFiles.PendingZip(Path.Combine(directory, BulkZip));
        try
        {
            await foreach (var advisory in advisories.WithCancellation(cancellationToken))
            {
                var vulnerability = OsvPurls.Fill(advisory.Vulnerability);
                var json = OsvJson.Serialize(vulnerability, indented: true);
                var name = ExportFiles.SafeFileName(vulnerability.Id) + ".json";
                var problem = Check(json)
                    ?? (names.Add(name) ? null : $"its file name {name} is already taken by another advisory");
                if (problem is not null)
                {
                    problems.Add(new ExportProblem(vulnerability.Id, problem));
                }
                else
                {
                    ExportFiles.WriteText(Path.Combine(directory, name), json + "\n");
                    ExportFiles.AddZipEntry(all.Archive, name, json, vulnerability.Modified);
                    foreach (var ecosystem in Ecosystems(vulnerability))
                    {
                        if (!perEcosystem.TryGetValue(ecosystem, out var zip))
                        {
                            zip = new ExportFiles.PendingZip(
                                Path.Combine(directory, ExportFiles.SafeFileName(ecosystem), BulkZip));
                            perEcosystem[ecosystem] = zip;
                        }
                        ExportFiles.AddZipEntry(zip.Archive, name, json, vulnerability.Modified);
                    }
                    written++;
                    files++;
                }
                if (++done % 500 == 0)
                {
                    progress?.Report(new ExportProgress(done, total));
                }
            }
            all.Complete();
            foreach (var zip in perEcosystem.Values)
            {
                zip.Complete();
            }
        }
        finally
        {
            foreach (var zip in perEcosystem.Values)
            {
                zip.Dispose();
            }
        }
        progress?.Report(new ExportProgress(done, total));
        return new ExportSummary(Format, directory, written, 0, files + 1 + perEcosystem.Count, problems);
    }

    private static string? Check(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = OsvSchemaValidator.Default.Validate(document.RootElement);
        return errors.Count == 0 ? null : OsvDocumentReader.DescribeSchemaErrors(errors);
    }

    private static IEnumerable<string> Ecosystems(OsvVulnerability vulnerability) =>
        (vulnerability.Affected ?? [])
            .Select(a => a.Package.Ecosystem.Split(':', 2)[0])
            .Where(e => e.Length > 0)
            .Distinct(StringComparer.Ordinal);
}
