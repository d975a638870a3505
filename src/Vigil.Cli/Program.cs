using System.CommandLine;
using Vigil.Cli.Commands;
using Vigil.Cli.Commands.Admin;

namespace Vigil.Cli;

/// <summary>The <c>vigil</c> command: this table lists every subcommand; each lives in its own file under Commands/.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var ctrlC = new CtrlCCancellation();
        return await VigilCli.RunAsync(args, CliConsole.FromSystem(), ctrlC.Token);
    }

    internal static RootCommand Commands(CliConsole console) => VersionOptionAction.Replace(console, new("Vigil: vulnerability database and disclosure platform")
    {
        ImportCommand.Create(console),
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
}
