using System.CommandLine;
using Vigil.Core.Audit;
using Vigil.Core.Data;

namespace Vigil.Cli;

/// <summary>
/// <c>--database DB</c>, shared by every command that touches the database: a SQLite file path, or a
/// PostgreSQL connection string / <c>postgres://</c> URL. Without it, <c>$VIGIL_DATABASE</c>, else the
/// SQLite file in the default data directory (<see cref="DatabaseTarget.Default"/>).
/// </summary>
public sealed class DatabaseOption : Option<string>
{
    public const string EnvironmentVariable = "VIGIL_DATABASE";

    public DatabaseOption()
        : base("--database")
    {
        HelpName = "DB";
        Description = "SQLite file path, or PostgreSQL connection string or postgres:// URL "
            + $"[default: ${EnvironmentVariable}, else ${DatabaseTarget.DataDirectoryVariable}/vigil.db, "
            + "else ~/.local/share/vigil/vigil.db]";
    }

    public DatabaseTarget Target(ParseResult parseResult, CliConsole console)
    {
        var value = parseResult.GetValue(this);
        if (string.IsNullOrWhiteSpace(value))
        {
            value = console.Environment(EnvironmentVariable);
        }
        try
        {
            return string.IsNullOrWhiteSpace(value) ? DefaultTarget(console) : DatabaseTarget.Parse(value);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            throw new CliException($"--database: {exception.Message}");
        }
    }

    /// <summary>
    /// Opens the database and brings its schema up to date; any failure is one line naming the database (never its
    /// password).
    /// </summary>
    public async Task<VigilDbContext> OpenAsync(
        ParseResult parseResult, CliConsole console, CancellationToken cancellationToken)
    {
        var target = Target(parseResult, console);
        try
        {
            return await VigilDatabase.OpenAndMigrateAsync(target, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"cannot open the database ({target.Describe()}): {ErrorText.Innermost(exception)}");
        }
    }

    /// <summary>
    /// The audit's plain connection (no EF Core unless the schema needs migrating; see <see cref="AuditDatabase"/>),
    /// with the same one-line failure as <see cref="OpenAsync"/>.
    /// </summary>
    public async Task<AuditDatabase> OpenForAuditAsync(
        ParseResult parseResult, CliConsole console, CancellationToken cancellationToken)
    {
#if VIGIL_NATIVE
        // Not in the native build, with what it reaches (EF Core's migrations): that build opens with
        // OpenIfCurrentAsync.
        await Task.CompletedTask;
        throw new System.Diagnostics.UnreachableException(
            "the native vigil opens the database with OpenIfCurrentAsync");
#else
        var target = Target(parseResult, console);
        try
        {
            return await AuditDatabase.OpenAsync(target, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"cannot open the database ({target.Describe()}): {ErrorText.Innermost(exception)}");
        }
#endif
    }

    /// <summary>
    /// The native executable's open (<see cref="NativeFront"/>): the database when its schema is current,
    /// else null, for every reason (including a --database that does not parse), so that the managed build
    /// takes the whole command over and answers exactly as it always does.
    /// </summary>
    public async Task<AuditDatabase?> OpenIfCurrentAsync(
        ParseResult parseResult, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return await AuditDatabase.OpenIfCurrentAsync(
                Target(parseResult, console), NativeFront.HostPath, cancellationToken);
        }
        catch (CliException)
        {
            return null;
        }
    }

    /// <summary>
    /// The documented default, read through the console's environment so tests can point it elsewhere
    /// (<see cref="DatabaseTarget.Default"/> reads the process environment).
    /// </summary>
    private static DatabaseTarget DefaultTarget(CliConsole console)
    {
        var dataDir = console.Environment(DatabaseTarget.DataDirectoryVariable);
        return string.IsNullOrWhiteSpace(dataDir)
            ? DatabaseTarget.Default()
            : DatabaseTarget.Sqlite(Path.Combine(dataDir, "vigil.db"));
    }
}
