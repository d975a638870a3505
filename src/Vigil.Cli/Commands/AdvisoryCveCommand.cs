using System.CommandLine;
using System.Text.Json;
using Vigil.Core.Advisories;
using Vigil.Core.Cve;
using Vigil.Core.Errors;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil advisory cve ID --cve CVE-… --cna-org UUID [--full] [--collection-url ECOSYSTEM=URL]…</c>: the
/// advisory as a CVE JSON 5.1 record, by default the <c>{"cnaContainer": …}</c> body CVE Services takes.
/// </summary>
internal static class AdvisoryCveCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "Advisory id or alias" }.RejectOptionLike();
        var cve = new Option<string>("--cve")
        {
            Description = "The CVE id assigned to this advisory (CVE-YYYY-NNNN)",
            Required = true,
        };
        var cna = new Option<Guid>("--cna-org")
        {
            Description = "The CNA's organisation UUID in CVE Services",
            Required = true,
        };
        var shortName = new Option<string?>("--cna-name") { Description = "The CNA's short name (assignerShortName)" };
        var full = new Option<bool>("--full")
        {
            Description = "Print a whole CVE_RECORD with cveMetadata instead of the submission body",
        };
        var collections = new Option<string[]>("--collection-url")
        {
            Description =
                "ECOSYSTEM=URL: the registry a package ecosystem lives in, written as collectionURL (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var database = new DatabaseOption();
        var command = new Command("cve", "Print an advisory as a CVE JSON 5.1 record")
        {
            id, cve, cna, shortName, full, collections, database,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new CveRecordRequest(
                parseResult.GetValue(cve)!, parseResult.GetValue(cna), parseResult.GetValue(shortName),
                CollectionUrls(parseResult.GetValue(collections) ?? []));
            await using var services = await CliServices.OpenAsync(database, parseResult, console, cancellationToken);
            var advisory = await services.Get<GetAdvisory>()
                .ExecuteAsync(parseResult.GetValue(id)!.Trim(), cancellationToken)
                ?? throw new CliException($"advisory '{parseResult.GetValue(id)}' not found", ExitCodes.Failure);
            try
            {
                var record = parseResult.GetValue(full)
                    ? CveRecordWriter.FullRecord(advisory.Vulnerability, request)
                    : CveRecordWriter.SubmissionBody(advisory.Vulnerability, request);
                await console.Out.WriteLineAsync(
                    record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return ExitCodes.Success;
            }
            catch (ValidationFailedException e)
            {
                throw new CliException(e.Message, ExitCodes.Usage);
            }
        });
        return command;
    }

    private static Dictionary<string, string> CollectionUrls(string[] values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0
                || !Uri.TryCreate(value[(eq + 1)..], UriKind.Absolute, out var url)
                || url.Scheme is not ("https" or "http"))
            {
                throw new CliException($"--collection-url '{value}': expected ECOSYSTEM=URL with an http(s) URL, "
                    + "e.g. npm=https://registry.example/", ExitCodes.Usage);
            }
            result[value[..eq]] = value[(eq + 1)..];
        }
        return result;
    }
}
