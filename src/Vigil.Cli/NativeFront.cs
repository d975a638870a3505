using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Vigil.Cli;

/// <summary>
/// The published <c>vigil</c> is two programs (docs/cli.md, "Building it"): a Native AOT executable that
/// runs <c>vigil audit</c> itself, because an audit is run often and pays the JIT's start-up on every run,
/// and the managed build of the same code in <c>host/</c>, which runs everything else (the web host, EF
/// Core's imports, exports and migrations cannot be compiled ahead of time). The native one hands a
/// command over by exec'ing the host with the same arguments: same process id, standard streams and
/// signals, so a caller cannot tell. An audit whose database must first be migrated is handed over too.
/// VIGIL_NATIVE is defined only for the native build; the places that must not even reference the
/// managed-only code (so that the AOT compiler never reaches EF Core or the web host) use it directly.
/// </summary>
internal static partial class NativeFront
{
    /// <summary>Beside the native executable: the managed build, with its own <c>vigil</c> apphost.</summary>
    public const string HostDirectory = "host";

#if VIGIL_NATIVE
    public static bool IsEnabled => true;
#else
    public static bool IsEnabled => false;
#endif

    public static string HostPath => Path.Combine(AppContext.BaseDirectory, HostDirectory);

    /// <summary>The commands the native executable runs itself: <c>vigil audit …</c>, help included.</summary>
    public static bool RunsHere(IReadOnlyList<string> args) => args.Count > 0 && args[0] == "audit";

    /// <summary>
    /// The native executable runs one audit and exits, and an audit keeps most of what it allocates
    /// until its output (lockfile graph, affected rows, findings): a garbage collection in the middle
    /// compacts all of it and cost a fifth of a 2,000-package audit (docs/performance.md, benchmark b).
    /// So the first <paramref name="budgetBytes"/> of allocations run without one; a larger audit
    /// simply ends the region and is collected as usual. Not for the long-lived managed host.
    /// </summary>
    public static void DeferGarbageCollection(long budgetBytes)
    {
        try
        {
            GC.TryStartNoGCRegion(budgetBytes);
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // A budget the runtime cannot reserve, or a region already started: collect as usual.
        }
    }

    /// <summary>Replaces this process with the managed host; returns only when that could not be done.</summary>
    public static int HandOver(IReadOnlyList<string> args, TextWriter error)
    {
        var host = Path.Combine(HostPath, OperatingSystem.IsWindows() ? "vigil.exe" : "vigil");
        if (!File.Exists(host))
        {
            error.WriteLine(
                $"vigil: this command needs the rest of vigil, which is missing: {host} (publish vigil again)");
            return ExitCodes.Usage;
        }
        error.Flush();
        Console.Out.Flush();
        if (OperatingSystem.IsWindows())
        {
            // No exec on Windows: run the host on the same console and pass its status on.
            using var process = Process.Start(new ProcessStartInfo(host, args) { UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        string?[] argv = [host, .. args, null];
        Exec(host, argv);
        error.WriteLine($"vigil: cannot run {host}: {Marshal.GetLastPInvokeErrorMessage()}");
        return ExitCodes.Usage;
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Exec(string path, string?[] argv);
}
