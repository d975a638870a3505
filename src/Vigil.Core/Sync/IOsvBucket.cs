namespace Vigil.Core.Sync;

/// <summary>
/// An OSV bucket layout: <c>{base}/{ECOSYSTEM}/all.zip</c>, <c>{base}/{ECOSYSTEM}/modified_id.csv</c> and
/// <c>{base}/{ECOSYSTEM}/{ID}.json</c>, over HTTP(S) or on disk (docs/sync.md, sources).
/// </summary>
public interface IOsvBucket : IDisposable
{
    /// <summary>Where a relative path lives, for messages.</summary>
    string Describe(string path);

    /// <summary>
    /// GETs <paramref name="path"/> (segments already escaped), conditionally when <paramref name="ifChanged"/>
    /// is given. The body goes to <paramref name="read"/>; when reading or <paramref name="read"/> fails with
    /// <see cref="BucketTransientException"/> the request is retried with backoff.
    /// </summary>
    Task<BucketFetch> GetAsync(
        string path, BucketValidators? ifChanged, Func<Stream, long?, CancellationToken, Task> read,
        CancellationToken cancellationToken);
}

public static class OsvBuckets
{
    /// <summary>An <c>http(s)://</c> URL, a <c>file://</c> URL, or a directory.</summary>
    public static IOsvBucket Open(string location, SyncOptions options, TimeProvider time)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme is "http" or "https")
            {
                return new HttpOsvBucket(uri, options, time);
            }
            if (uri.IsFile)
            {
                return new DirectoryOsvBucket(uri.LocalPath);
            }
            if (!Directory.Exists(location))
            {
                throw new SyncFailedException(
                    $"{location}: a sync source is an http(s):// URL, a file:// URL or a directory");
            }
        }
        if (!Directory.Exists(location))
        {
            throw new SyncFailedException($"{location}: no such directory");
        }
        return new DirectoryOsvBucket(Path.GetFullPath(location));
    }

    public static string EcosystemPath(string ecosystem, string file) => Uri.EscapeDataString(ecosystem) + "/" + file;
}
