using System.CommandLine;
using Vigil.Cli.Output;
using Vigil.Core.Imports;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil import PATH|URL... [--database DB]</c>: stores advisories from OSV files, directories or
/// zips, from Node.js Security WG <c>vuln/</c> directories, and from one OSV document or zip per
/// http(s) URL. Records that cannot be imported are listed
/// and skipped; everything else is committed.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "An OSV .json file, a directory or .zip of them, a Node.js Security WG vuln/ directory, "
                + "or an http(s):// URL of an OSV .json or .zip",
        }.RejectOptionLike();
        var database = new DatabaseOption();
        var progress = new Option<bool>("--progress")
        {
            Description = "Show a URL's download and import progress on stderr even when it is not a terminal",
        };
        var command = new Command("import", "Import advisories into the database") { paths, database, progress };
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            console, database, parseResult.GetValue(paths)!, parseResult.GetValue(progress), parseResult,
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CliConsole console, DatabaseOption database, string[] paths, bool showProgress, ParseResult parseResult,
        CancellationToken cancellationToken)
    {
        var urls = paths.Where(IsUrl).Select(p => new Uri(p)).ToList();
        var files = paths.Where(p => !IsUrl(p)).ToArray();
        var inputs = files.Select(console.ResolvePath).ToList();
        CheckInputs(files, inputs);
        BatchProcess.Enter();
        await using var services = await CliServices.OpenAsync(database, parseResult, console, cancellationToken);
        var results = new List<ImportPathResult>();
        if (inputs.Count > 0)
        {
            var summary = await ProgressView.RunAsync<ImportProgress, ImportSummary>(console, "importing",
                p => new ProgressStep(p.Done, p.Total, p.CurrentPath),
                progress => services.Get<ImportAdvisories>().ExecuteAsync(inputs, progress, cancellationToken));
            results.AddRange(summary.Paths);
        }
        foreach (var url in urls)
        {
            var view = UrlProgressView.For(console, showProgress, url.AbsoluteUri);
            try
            {
                var summary = await services.Get<ImportUrl>().ExecuteAsync(
                    url, null, view?.Records, view?.Download, cancellationToken);
                results.AddRange(summary.Paths);
            }
            finally
            {
                view?.Finish();
            }
        }
        var all = new ImportSummary(results);
        ImportSummaryView.Write(console, all, database.Target(parseResult, console));
        return all.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// An http:// or https:// argument is downloaded (<see cref="ImportUrl"/>); anything else is a path.
    /// </summary>
    private static bool IsUrl(string argument)
    {
        if (!argument.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && !argument.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return Uri.TryCreate(argument, UriKind.Absolute, out _)
            ? true
            : throw new CliException($"{argument}: not a valid URL");
    }

    /// <summary>
    /// A mistyped path is a usage error caught before anything is stored, so exit status 1 always
    /// means "these records were skipped" and never "half of what you asked for was not even tried".
    /// </summary>
    private static void CheckInputs(string[] given, List<string> resolved)
    {
        for (var i = 0; i < given.Length; i++)
        {
            if (!File.Exists(resolved[i]) && !Directory.Exists(resolved[i]))
            {
                throw new CliException($"{given[i]}: no such file or directory");
            }
            if (AdvisoryImporters.Find(resolved[i]) is null)
            {
                throw new CliException($"{given[i]}: not a format Vigil imports (an OSV .json file, a directory or "
                    + ".zip of them, or a Node.js Security WG vuln/ directory)");
            }
        }
    }
}
