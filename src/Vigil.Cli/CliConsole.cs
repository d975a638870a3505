using System.Text;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// Where a command reads its surroundings and writes its output. The real process uses the system
/// console; tests pass string writers and their own environment, so commands run in-process unchanged.
/// </summary>
public sealed class CliConsole
{
    private static readonly byte[] Newline = Encoding.UTF8.GetBytes(System.Environment.NewLine);
    private IAnsiConsole? _ansi;

    /// <summary>The process's stdout as a byte stream; null for a console given writers (tests).</summary>
    private Func<Stream>? _standardOutput;

    public CliConsole(TextWriter output, TextWriter error, bool isTerminal = false,
        Func<string, string?>? environment = null, string? currentDirectory = null)
    {
        Out = output;
        Error = error;
        IsTerminal = isTerminal;
        Environment = environment ?? System.Environment.GetEnvironmentVariable;
        CurrentDirectory = currentDirectory ?? System.Environment.CurrentDirectory;
    }

    public static CliConsole FromSystem() =>
        new(Console.Out, Console.Error, isTerminal: !Console.IsOutputRedirected)
        {
            _standardOutput = Console.OpenStandardOutput,
            IsErrorTerminal = !Console.IsErrorRedirected,
        };

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True when stdout is an interactive terminal: only then colours and progress bars are drawn.</summary>
    public bool IsTerminal { get; }

    /// <summary>True when stderr is an interactive terminal: where a download's progress is shown by default.</summary>
    public bool IsErrorTerminal { get; init; }

    public Func<string, string?> Environment { get; }

    public string CurrentDirectory { get; }

    /// <summary>The commands' clock (the system's; tests set their own).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Spectre's view of <see cref="Out"/>: ANSI and colours only on a terminal, so logs and pipes get plain text.
    /// </summary>
    public IAnsiConsole Ansi => _ansi ??= CreateAnsi();

    /// <summary>
    /// A user-given path, taken relative to <see cref="CurrentDirectory"/> (which tests set; the process uses its own).
    /// </summary>
    public string ResolvePath(string path) =>
        Path.IsPathRooted(path) || CurrentDirectory == System.Environment.CurrentDirectory
            ? path
            : Path.Combine(CurrentDirectory, path);

    public void WriteError(string message) => Error.WriteLine($"vigil: {message}");

    /// <summary>
    /// A whole UTF-8 document (JSON, SARIF), written by <paramref name="write"/> to a stream, and a
    /// newline to <see cref="Out"/>. On the process's stdout it is streamed through a 64 KB buffer: the
    /// system console's writer flushes every 256 characters, which made writing a 1.5 MB audit report
    /// thousands of system calls (docs/performance.md, benchmark b).
    /// </summary>
    public async Task WriteDocumentAsync(
        Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (_standardOutput is null)
        {
            using var buffer = new MemoryStream();
            await write(buffer, cancellationToken);
            await Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            return;
        }
        await Out.FlushAsync(cancellationToken);
        await using var stdout = new BufferedStream(_standardOutput(), 64 * 1024);
        await write(stdout, cancellationToken);
        await stdout.WriteAsync(Newline, cancellationToken);
        await stdout.FlushAsync(cancellationToken);
    }

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
            // Spectre assumes 80 columns off a terminal; CI logs are wider, and wrapping long ids hurts more than
            // width.
            console.Profile.Width =
                int.TryParse(Environment("COLUMNS"), out var columns) && columns >= 40 ? columns : 120;
        }
        return console;
    }
}
