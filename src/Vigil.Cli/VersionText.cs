using System.Reflection;

namespace Vigil.Cli;

internal static class VersionText
{
    /// <summary>This build's version without the source-link commit suffix ("1.0.0+abc123" → "1.0.0").</summary>
    public static string Current { get; } =
        (typeof(VersionText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "0.0.0")
        .Split('+')[0];
}
