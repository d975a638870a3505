using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Core.Imports.NodejsWg;
using Vigil.Core.Imports.Osv;
using Vigil.Lockfiles;
using Vigil.Testing;
using Vigil.Versioning.Npm;
using Vigil.Web.Compat.Npm;
using Vigil.Web.Compat.Osv;
using Vigil.Web.Operations;
using Vigil.Web.Pages.Advisories;

namespace Vigil.Fuzz;

/// <summary>
/// One target per parser of untrusted input. Each feeds the bytes to the parser as the product does and
/// lets through only what the parser documents for bad input (a result naming the problem, or its own
/// exception type); anything else escaping a target is a finding.
/// </summary>
public static class FuzzTargets
{
    // Created on first use, inside the fuzzer's loop: instrumented code must not run before it starts.
    private static readonly Lazy<LimitsOptions> Limits = new(() => new LimitsOptions());
    private static readonly Lazy<AdvisoryMarkdown> Markdown = new(() => new AdvisoryMarkdown());

    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["package-lock"] = bytes => Lockfile("package-lock.json", bytes),
        ["yarn-lock"] = bytes => Lockfile("yarn.lock", bytes),
        ["pnpm-lock"] = bytes => Lockfile("pnpm-lock.yaml", bytes),
        ["packages-lock"] = bytes => Lockfile("packages.lock.json", bytes),
        ["npm-range"] = bytes => NpmRanges(Text(bytes)),
        ["cvss"] = bytes => Vigil.Cvss.Cvss.TryParse(Text(bytes), out _, out _),
        ["osv"] = bytes => OsvDocumentReader.Read("fuzz.json", bytes),
        ["nswg"] = Nswg,
        ["npm-bulk"] = bytes => BulkRequestReader.Parse(bytes, Limits.Value),
        ["npm-quick"] = bytes => AuditTreeReader.Parse(bytes, Limits.Value),
        ["osv-querybatch"] = QueryBatch,
        ["markdown"] = bytes => Markdown.Value.ToHtml(Text(bytes)),
    };

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static void Lockfile(string fileName, byte[] bytes)
    {
        try
        {
            var lockfile = InlineLockfile.Read(fileName, new MemoryStream(bytes));
            foreach (var package in lockfile.Packages)
            {
                _ = package.Paths.Count();
            }
        }
        catch (LockfileException)
        {
            // Bad input: the reader names what is wrong and where.
        }
    }

    private static void NpmRanges(string text)
    {
        foreach (var options in new[] { NpmSemverOptions.Default, NpmSemverOptions.NpmAudit })
        {
            var version = NpmVersion.TryParse(text, options, out var v) ? v : null;
            if (NpmRange.TryParse(text, options, out var range) && version is not null)
            {
                range.IsSatisfiedBy(version);
            }
        }
    }

    private static void QueryBatch(byte[] bytes)
    {
        try
        {
            OsvBatchRequestReader.Parse(bytes);
        }
        catch (JsonException)
        {
            // Documented for a body that is not a batch: the endpoint answers 400 with the message.
        }
    }

    private static void Nswg(byte[] bytes)
    {
        JsonObject? entry;
        try
        {
            entry = JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }
        if (entry is null)
        {
            return;
        }
        try
        {
            NswgNpmMapper.ToOsv(entry);
        }
        catch (NswgFormatException)
        {
            // Bad record: the importer reports it with the field that is wrong.
        }
    }
}
