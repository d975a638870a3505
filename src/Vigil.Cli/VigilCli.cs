using System.CommandLine;

namespace Vigil.Cli;

/// <summary>
/// Runs one command line to an exit status. Tests call it in-process with their own writers and
/// environment; <see cref="Program.Main"/> calls it with the real console and Ctrl-C as the token.
/// </summary>
public static class VigilCli
{
    public static Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliConsole(output, error), cancellationToken);

    public static async Task<int> RunAsync(
        string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var parseResult = Program.Commands(console).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                // Some messages list choices on further lines ("Must be one of:\n\t'osv'..."): every error is one line.
                console.WriteError(string.Join(' ', parseError.Message.Split(
                    '\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            }
            console.Error.WriteLine($"Run '{CommandPath(parseResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Our own handler below keeps every failure to one line; Ctrl-C is the caller's token.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (CliException exception)
        {
            console.WriteError(exception.Message);
            return exception.ExitCode;
        }
        catch (Exception exception) when (exception is OperationCanceledException
            || cancellationToken.IsCancellationRequested)
        {
            // Drivers report an interrupted command in their own words (e.g. a DbException): it is still Ctrl-C.
            console.WriteError("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception exception)
        {
            // A bug or an environment failure we did not foresee: still one line, never a stack trace.
            console.WriteError(ErrorText.Innermost(exception));
            return ExitCodes.Usage;
        }
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult;
            result is not null;
            result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }
        names[0] = "vigil";
        return string.Join(' ', names);
    }
}
