using System.CommandLine;
using Vigil.Cli.Output;
using Vigil.Core.Advisories;
using Vigil.Core.Advisories.Osv;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil advisory show ID [--json]</c>: one advisory, found by its id or by an alias such as a CVE id.
/// </summary>
internal static class AdvisoryShowCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string>("ID")
        {
            Description = "Advisory id (e.g. NSWG-ECO-1) or an alias (e.g. CVE-2016-1000237)",
        }.RejectOptionLike();
        var json = new Option<bool>("--json") { Description = "Print the advisory's OSV JSON document" };
        var database = new DatabaseOption();
        var command = new Command("show", "Show one advisory") { id, json, database };
        command.SetAction((parseResult, cancellationToken) =>
            ExecuteAsync(console, database, parseResult.GetValue(id)!, parseResult.GetValue(json), parseResult,
                cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CliConsole console, DatabaseOption database, string id, bool json, ParseResult parseResult,
        CancellationToken cancellationToken)
    {
        await using var services = await CliServices.OpenAsync(database, parseResult, console, cancellationToken);
        var advisory = await services.Get<GetAdvisory>().ExecuteAsync(id.Trim(), cancellationToken)
            ?? throw new CliException($"advisory '{id}' not found", ExitCodes.Failure);
        if (json)
        {
            await console.Out.WriteLineAsync(OsvJson.Serialize(advisory.Vulnerability, indented: true));
        }
        else
        {
            AdvisoryView.Write(console.Ansi, advisory);
        }
        return ExitCodes.Success;
    }
}
