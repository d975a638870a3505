using Vigil.Core.Advisories;

namespace Vigil.Core.Sync;

/// <summary>A sync source's name becomes the origin of its advisories, so it must not look like a reserved
/// one.</summary>
public static class SyncSourceNames
{
    /// <summary>Null when <paramref name="name"/> can name a source; otherwise why not.</summary>
    public static string? Problem(string name) =>
        name.Length is 0 or > AdvisoryOrigin.MaxLength ? $"a source name has 1 to {AdvisoryOrigin.MaxLength} characters"
        : !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)
            || c is '-' or '.' or '_') ? $"'{name}': a source name uses a-z, 0-9, '-', '.' and '_' only"
        : !AdvisoryOrigin.IsMirrored(
            name) ? $"'{name}' is reserved (it marks advisories published here or imported by hand)"
        : null;

    /// <summary>The default name: the URL's host, or "local" for a directory.</summary>
    public static string FromLocation(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.Host.ToLowerInvariant()
            : "local";
}
