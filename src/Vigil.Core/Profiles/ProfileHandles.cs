using System.Text.RegularExpressions;

namespace Vigil.Core.Profiles;

/// <summary>A profile handle: 3–39 letters, digits and single hyphens, starting with a letter or digit (like a GitHub
/// login).</summary>
public static partial class ProfileHandles
{
    public const int MaxLength = 39;

    public static bool IsValid(string? handle) => handle is not null && Pattern().IsMatch(handle);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){2,38}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
