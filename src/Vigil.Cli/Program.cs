using System.CommandLine;
using Vigil.Cli.Commands;
using Vigil.Cli.Commands.Admin;

namespace Vigil.Cli;

/// <summary>
/// The <c>vigil</c> command: this table lists every subcommand; each lives in its own file under Commands/.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (NativeFront.IsEnabled)
        {
            if (!NativeFront.RunsHere(args))
            {
                return NativeFront.HandOver(args, Console.Error);
            }
            NativeFront.DeferGarbageCollection(64L * 1024 * 1024);
        }
        using var ctrlC = new CtrlCCancellation();
        return await VigilCli.RunAsync(args, CliConsole.FromSystem(), ctrlC.Token);
    }

#if VIGIL_NATIVE
    internal static RootCommand Commands(CliConsole console) => AuditOnly(console);
#else
    internal static RootCommand Commands(CliConsole console) => All(console);
#endif

    internal static RootCommand All(CliConsole console) => VersionOptionAction.Replace(console, new(Description)
    {
        ImportCommand.Create(console),
        SyncCommand.Create(console),
        ExportCommand.Create(console),
        AuditCommand.Create(console),
        ServeCommand.Create(console),
        AdminCommand.Create(console),
        new Command("advisory", "Look up advisories in the database")
        {
            AdvisoryShowCommand.Create(console),
            AdvisoryCveCommand.Create(console),
        },
    });

    /// <summary>
    /// The native executable's table (<see cref="NativeFront"/>): it is given nothing but <c>audit …</c>.
    /// </summary>
    internal static RootCommand AuditOnly(CliConsole console) =>
        new(Description) { AuditCommand.Create(console) };

    private const string Description = "Vigil: vulnerability database and disclosure platform";
}
