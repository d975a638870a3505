using System.CommandLine;
using Vigil.Cli.Output;
using Vigil.Core.Sync;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil sync LOCATION --ecosystem X [--ecosystem Y]… [--name NAME] [--database DB]</c>: mirrors an OSV
/// bucket (an http(s):// URL, a file:// URL or a directory) into the database (docs/sync.md). Each ecosystem
/// is its own run and its own transaction; the exit status is 1 when any run failed or skipped records.
/// </summary>
internal static class SyncCommand
{
    public static Command Create(CliConsole console)
    {
        var location = new Argument<string>("LOCATION")
        {
            Description = "The bucket: {LOCATION}/{ECOSYSTEM}/all.zip, modified_id.csv and {ID}.json "
                + "(http(s)://, file:// or a directory)",
        }.RejectOptionLike();
        var ecosystems = new Option<string[]>("--ecosystem")
        {
            Description = "An OSV ecosystem to mirror, e.g. npm or NuGet (repeat for more)",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var name = new Option<string?>("--name")
        {
            Description = "The source's name, recorded as the origin of its advisories "
                + "[default: the URL's host, or 'local']",
        };
        var database = new DatabaseOption();
        var command = new Command(
            "sync", "Mirror advisories from an OSV bucket (the first run takes all.zip, later runs only what changed)")
        {
            location, ecosystems, name, database,
        };
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            console, database, parseResult.GetValue(location)!, parseResult.GetValue(ecosystems)!,
            parseResult.GetValue(name), parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CliConsole console, DatabaseOption database, string location, string[] ecosystems, string? name,
        ParseResult parseResult, CancellationToken cancellationToken)
    {
        BatchProcess.Enter();
        var resolved = Uri.TryCreate(location, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" or "file"
            ? location
            : console.ResolvePath(location);
        var source = new SyncSource(name ?? SyncSourceNames.FromLocation(resolved), resolved);
        if (SyncSourceNames.Problem(source.Name) is { } problem)
        {
            throw new CliException("--name: " + problem);
        }
        await using var services = await CliServices.OpenAsync(database, parseResult, console, cancellationToken);
        var results = new List<SyncRunResult>();
        foreach (var ecosystem in ecosystems.Distinct(StringComparer.Ordinal))
        {
            var result = await SyncProgressView.RunAsync(console, $"{source.Name} {ecosystem}",
                progress => services.Get<RunSync>().ExecuteAsync(source, ecosystem, progress, cancellationToken));
            results.Add(result);
        }
        SyncSummaryView.Write(console, results, database.Target(parseResult, console));
        return results.All(r => r.Succeeded && r.Problems.Count == 0) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
