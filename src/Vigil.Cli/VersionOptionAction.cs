using System.CommandLine;
using System.CommandLine.Invocation;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil --version</c> prints vigil's own version. System.CommandLine's default reads the entry
/// assembly, which is the test host when the CLI runs in-process.
/// </summary>
internal sealed class VersionOptionAction(CliConsole console) : SynchronousCommandLineAction
{
    public static RootCommand Replace(CliConsole console, RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionOptionAction(console);
        }
        return root;
    }

    public override int Invoke(ParseResult parseResult)
    {
        console.Out.WriteLine(VersionText.Current);
        return ExitCodes.Success;
    }
}
