using System.CommandLine;
using System.Text;
using Vigil.Cli.Output;
using Vigil.Cli.Output.Sarif;
using Vigil.Core.Advisories;
using Vigil.Core.Audit;
using Vigil.Core.Runtime;
using Vigil.Lockfiles;
using Vigil.Versioning.Npm;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil audit [PATH]</c>: checks the packages locked in PATH's lockfiles against the database, and
/// exits like <c>npm audit</c> (1 when a finding reaches <c>--audit-level</c>). A lockfile that cannot
/// be read is reported and the others are still audited, but the exit status is then 2: a CI gate must
/// not pass on an audit that skipped part of the project.
/// </summary>
internal static class AuditCommand
{
    private static readonly string[] Levels = ["info", "low", "moderate", "high", "critical"];

    public static Command Create(CliConsole console)
    {
        var path = new Argument<string?>("PATH")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "A lockfile, or a directory searched for lockfiles [default: the current directory]",
        }.RejectOptionLike();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var sarif = new Option<string?>("--sarif")
        {
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "FILE",
            Description = "Write a SARIF 2.1.0 log to FILE (to stdout without FILE or with -), for CI code scanning",
        };
        var level = new Option<string>("--audit-level")
        {
            HelpName = "LEVEL",
            DefaultValueFactory = _ => "info",
            Description = "Exit with 1 only for findings at or above this severity",
        };
        level.AcceptOnlyFromAmong(Levels);
        var omit = new Option<string[]>("--omit")
        {
            HelpName = "dev|optional",
            Description =
                "Leave out packages installed only as development or only as optional dependencies (repeatable)",
        };
        omit.AcceptOnlyFromAmong("dev", "optional");
        var node = new Option<string?>("--node")
        {
            HelpName = "VERSION",
            Description = "Also check this Node.js version (or the lowest a range admits) against the Node.js core "
                + "advisories [default: .nvmrc, .node-version or package.json engines.node in PATH]",
        };
        var database = new DatabaseOption();
        var command = new Command("audit", "Check the packages in lockfiles against the advisory database")
        {
            path, database, json, sarif, level, omit, node,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var omitted = parseResult.GetValue(omit) ?? [];
            AdvisorySeverityNames.TryParse(parseResult.GetValue(level), out var auditLevel);
            var request = new AuditRequest(
                parseResult.GetValue(path),
                new AuditOptions(auditLevel, omitted.Contains("dev"), omitted.Contains("optional")),
                parseResult.GetValue(json),
                parseResult.GetResult(sarif) is null ? null : parseResult.GetValue(sarif) ?? "-",
                parseResult.GetValue(node));
            return ExecuteAsync(console, database, parseResult, request, cancellationToken);
        });
        return command;
    }

    /// <param name="Sarif">Null: no SARIF; "-": SARIF on stdout; else the file to write.</param>
    /// <param name="Node">
    /// --node: the Node.js version to check, else found in the project (<see cref="NodeVersionSource"/>).
    /// </param>
    private sealed record AuditRequest(string? Path, AuditOptions Options, bool Json, string? Sarif, string? Node)
    {
        public bool SarifToStdout => Sarif == "-";
    }

    private static async Task<int> ExecuteAsync(
        CliConsole console, DatabaseOption database, ParseResult parseResult, AuditRequest request,
        CancellationToken cancellationToken)
    {
        if (request.Json && request.SarifToStdout)
        {
            throw new CliException("--json and --sarif both write to stdout; give --sarif a FILE");
        }
        var timings = PhaseTimings.For(console);
        AuditDatabase? db = null;
        if (NativeFront.IsEnabled)
        {
            // Before anything is written: the managed build must be able to take the command over from its start.
            db = await database.OpenIfCurrentAsync(parseResult, console, cancellationToken);
            if (db is null)
            {
                return NativeFront.HandOver(Environment.GetCommandLineArgs()[1..], console.Error);
            }
        }
        try
        {
            return await AuditAsync(console, database, parseResult, request, db, timings, cancellationToken);
        }
        finally
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }
    }

    /// <param name="db">
    /// The database when already open (the native executable), else null: opened after the lockfiles are read.
    /// </param>
    private static async Task<int> AuditAsync(
        CliConsole console, DatabaseOption database, ParseResult parseResult, AuditRequest request,
        AuditDatabase? db, PhaseTimings timings,
        CancellationToken cancellationToken)
    {
        var (root, paths) = LockfileSearch.Find(console, request.Path,
            allowNone: request.Node is not null || NodeVersionSource.IsIn(console, request.Path));
        var lockfiles = new List<Lockfile>();
        if (NodeVersionSource.Find(console, request.Node, root) is { } runtime)
        {
            lockfiles.Add(runtime);
        }
        var errors = new List<LockfileException>();
        foreach (var lockfilePath in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                lockfiles.Add(LockfileReaders.Read(lockfilePath));
            }
            catch (LockfileException exception)
            {
                errors.Add(exception);
                await console.Error.WriteLineAsync(exception.Message);
            }
        }
        if (lockfiles.Count == 0)
        {
            throw new CliException(paths.Count == 1 ? "the lockfile could not be read" : "no lockfile could be read");
        }

        timings.Done($"lockfile reading ({lockfiles.Sum(l => l.Packages.Count)} packages)");

        await using var openedHere = db is null
            ? await database.OpenForAuditAsync(parseResult, console, cancellationToken)
            : null;
        db ??= openedHere!;
        if (!await db.HasAdvisoriesAsync(cancellationToken))
        {
            console.WriteError($"warning: {database.Target(parseResult, console).Describe()} has no advisories yet; "
                + "run 'vigil import' first");
        }
        timings.Done("database open and schema check");
        var report = await new AuditPackages(db, timings.Done)
            .ExecuteAsync(lockfiles, request.Options, cancellationToken);
        // --json shows no links; the table shows each advisory's URL, SARIF its URL and details.
        var links = request.Json && request.Sarif is null
            ? AdvisoryLinks.NoneRead
            : await LinksAsync(db, report, cancellationToken);
        timings.Done("advisory documents for links");
        var ended = EndedRuntimeOf(lockfiles, root, console.Time);
        var result = AuditResult.Create(report, errors, root, links) with { EndedRuntime = ended };
        timings.Done("sorting");
        await WriteAsync(console, request, result, cancellationToken);
        timings.Done("output");

        if (errors.Count > 0)
        {
            console.WriteError(
                $"{errors.Count} of {paths.Count} lockfiles could not be read (above); the audit is incomplete");
            return ExitCodes.Usage;
        }
        if (ended is not null)
        {
            console.WriteError($"warning: Node.js {ended.Version} ({ended.From}): release line {ended.Line} "
                + "reached its end of life on "
                + $"{ended.EndOfLife:yyyy-MM-dd} and gets no more security fixes; move to a supported line");
        }
        // An ended Node.js line fails the audit as a high finding would: it is unsupported, fixed or not.
        var failsForRuntime = ended is not null && request.Options.Level <= AdvisorySeverity.High;
        return report.FailsAt(request.Options.Level) || failsForRuntime ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>The project's Node.js version (the runtime "lockfile") when its release line has ended today.</summary>
    private static EndedRuntime? EndedRuntimeOf(IReadOnlyList<Lockfile> lockfiles, string root, TimeProvider time)
    {
        if (lockfiles.FirstOrDefault(l => l.Format == NodeVersionSource.Format)
            is not { Packages: [var runtime, ..] } source
            || !NpmVersion.TryParse(runtime.Version, NpmSemverOptions.Default, out var version))
        {
            return null;
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return NodeReleaseLines.Ended(version, today) is { } date
            ? new EndedRuntime(runtime.Version,
                source.FilePath.StartsWith("--", StringComparison.Ordinal)
                    ? source.FilePath
                    : Path.GetRelativePath(root, source.FilePath).Replace('\\', '/'),
                NodeReleaseLines.Line(version), date)
            : null;
    }

    private static async Task WriteAsync(
        CliConsole console, AuditRequest request, AuditResult result, CancellationToken cancellationToken)
    {
        if (request.Sarif is { } sarifTarget)
        {
            var sarif = AuditSarifWriter.Write(result, VersionText.Current);
            if (request.SarifToStdout)
            {
                await console.WriteDocumentAsync(
                    (stdout, ct) => stdout.WriteAsync(Encoding.UTF8.GetBytes(sarif), ct).AsTask(), cancellationToken);
                return;
            }
            await File.WriteAllTextAsync(console.ResolvePath(sarifTarget), sarif + "\n", cancellationToken);
        }
        if (request.Json)
        {
            await console.WriteDocumentAsync(
                (stdout, ct) => AuditJsonWriter.WriteAsync(stdout, result, ct), cancellationToken);
        }
        else
        {
            AuditTableWriter.Write(console, result);
        }
    }

    /// <summary>Each advisory's "more info" link: its ADVISORY reference, else WEB, else the first one.</summary>
    private static async Task<IReadOnlyDictionary<string, AdvisoryLinks>> LinksAsync(
        AuditDatabase db, AuditReport report, CancellationToken cancellationToken)
    {
        var links = new Dictionary<string, AdvisoryLinks>(StringComparer.Ordinal);
        var ids = report.Findings.Select(f => f.Id).Distinct(StringComparer.Ordinal).ToList();
        foreach (var (id, fields) in await db.LinksAsync(ids, cancellationToken))
        {
            var references = fields.References ?? [];
            var url = (references.FirstOrDefault(r => r.Type == "ADVISORY")
                ?? references.FirstOrDefault(r => r.Type == "WEB")
                ?? references.FirstOrDefault())?.Url;
            links[id] = new AdvisoryLinks(url, fields.Details);
        }
        return links;
    }
}
