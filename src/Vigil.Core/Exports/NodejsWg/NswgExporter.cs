using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;
using Vigil.Core.Imports.NodejsWg;

namespace Vigil.Core.Exports.NodejsWg;

/// <summary>
/// The Node.js Security WG layout: <c>DIR/npm/&lt;n&gt;.json</c> per npm package of each advisory,
/// <c>DIR/npm/index.json</c> (all of them, keyed by number), <c>DIR/core/index.json</c> and
/// <c>DIR/core/&lt;n&gt;.json</c> for Node.js runtime advisories. Records imported from the WG come back
/// as they were (<see cref="NswgResidual"/>); other advisories are derived from their OSV fields and
/// numbered by <see cref="NswgNumbering"/>. Withdrawn advisories and those with neither an npm package
/// nor a runtime range are not written (the format has no place for them).
/// </summary>
public sealed class NswgExporter : IAdvisoryExporter
{
    public string Format => "nswg";

    public async Task<ExportSummary> ExportAsync(
        IAsyncEnumerable<StoredAdvisory> advisories,
        int total,
        string directory,
        IProgress<ExportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var npmDirectory = Path.Combine(directory, "npm");
        var coreDirectory = Path.Combine(directory, "core");
        Directory.CreateDirectory(npmDirectory);
        Directory.CreateDirectory(coreDirectory);
        var npm = new SortedDictionary<long, (string Id, string Compact)>();
        var core = new NswgCoreIndex();
        var problems = new List<ExportProblem>();
        int done = 0, written = 0, notApplicable = 0, files = 0;
        await foreach (var advisory in advisories.WithCancellation(cancellationToken))
        {
            var v = advisory.Vulnerability;
            var any = false;
            var problemsBefore = problems.Count;
            if (v.Withdrawn is null)
            {
                any |= core.TryAdd(advisory, problems);
                var packages = (v.Affected ?? [])
                    .Where(a => AdvisoryRows.IsNpm(a.Package.Ecosystem))
                    .Select(a => a.Package.Name)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                for (var k = 0; k < packages.Count; k++)
                {
                    if (k == NswgNumbering.MaxPackagesPerAdvisory)
                    {
                        problems.Add(new ExportProblem(
                            v.Id, $"affects {packages.Count} npm packages; only the first {k} are written"));
                        break;
                    }
                    var number = NswgNumbering.Npm(advisory, k);
                    if (npm.TryGetValue(number, out var taken))
                    {
                        problems.Add(new ExportProblem(
                            v.Id, $"npm/{number}.json is already written for {taken.Id}; {packages[k]} skipped"));
                        continue;
                    }
                    var entry = NswgNpmDerivation.Derive(v, number, packages[k]);
                    entry = k == 0 && v.Id.StartsWith(NswgFormat.NpmIdPrefix, StringComparison.Ordinal)
                        ? NswgResidual.Apply(entry, Residual(v))
                        : entry;
                    ExportFiles.WriteText(
                        Path.Combine(npmDirectory, Key(number) + ".json"), NswgJsonWriter.Indented(entry) + "\n");
                    npm[number] = (v.Id, NswgJsonWriter.Compact(entry));
                    files++;
                    any = true;
                }
            }
            if (any)
            {
                written++;
            }
            else if (problems.Count == problemsBefore)
            {
                notApplicable++;
            }
            if (++done % 500 == 0)
            {
                progress?.Report(new ExportProgress(done, total));
            }
        }
        ExportFiles.WriteText(Path.Combine(npmDirectory, "index.json"), NpmIndex(npm));
        foreach (var (key, entry) in core.Entries)
        {
            ExportFiles.WriteText(Path.Combine(coreDirectory, key + ".json"), NswgJsonWriter.Indented(entry) + "\n");
        }
        ExportFiles.WriteText(Path.Combine(coreDirectory, "index.json"), core.ToJson());
        progress?.Report(new ExportProgress(done, total));
        return new ExportSummary(Format, directory, written, notApplicable, files + core.Count + 2, problems);
    }

    /// <summary>The WG's npm/index.json: every record, compact, keyed by number in numeric order, no final
    /// newline.</summary>
    private static string NpmIndex(SortedDictionary<long, (string Id, string Compact)> npm)
    {
        var sb = new StringBuilder("{");
        foreach (var (number, (_, compact)) in npm)
        {
            sb.Append(sb.Length > 1 ? "," : "").Append('"').Append(Key(number)).Append("\":").Append(compact);
        }
        return sb.Append('}').ToString();
    }

    private static JsonObject? Residual(OsvVulnerability v) => NswgCoreIndex.Residual(v);

    private static string Key(long number) => NswgCoreIndex.Key(number);
}
