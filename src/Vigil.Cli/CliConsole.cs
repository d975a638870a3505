using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// Where a command reads its surroundings and writes its output. The real process uses the system
/// console; tests pass string writers and their own environment, so commands run in-process unchanged.
/// </summary>
public sealed class CliConsole
{
    private IAnsiConsole? _ansi;

    public CliConsole(TextWriter output, TextWriter error, bool isTerminal = false, Func<string, string?>? environment = null, string? currentDirectory = null)
    {
        Out = output;
        Error = error;
        IsTerminal = isTerminal;
        Environment = environment ?? System.Environment.GetEnvironmentVariable;
        CurrentDirectory = currentDirectory ?? System.Environment.CurrentDirectory;
    }

    public static CliConsole FromSystem() =>
        new(Console.Out, Console.Error, isTerminal: !Console.IsOutputRedirected);

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when stdout is an interactive terminal: only then colours and progress bars are drawn.</summary>
    public bool IsTerminal { get; }

    public Func<string, string?> Environment { get; }

    public string CurrentDirectory { get; }

    /// <summary>Spectre's view of <see cref="Out"/>: ANSI and colours only on a terminal, so logs and pipes get plain text.</summary>
    public IAnsiConsole Ansi => _ansi ??= CreateAnsi();

    /// <summary>A user-given path, taken relative to <see cref="CurrentDirectory"/> (which tests set; the process uses its own).</summary>
    public string ResolvePath(string path) =>
        Path.IsPathRooted(path) || CurrentDirectory == System.Environment.CurrentDirectory ? path : Path.Combine(CurrentDirectory, path);

    public void WriteError(string message) => Error.WriteLine($"vigil: {message}");

    private IAnsiConsole CreateAnsi()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!IsTerminal)
        {
            // Spectre assumes 80 columns off a terminal; CI logs are wider, and wrapping long ids hurts more than width.
            console.Profile.Width = int.TryParse(Environment("COLUMNS"), out var columns) && columns >= 40 ? columns : 120;
        }
        return console;
    }
}
