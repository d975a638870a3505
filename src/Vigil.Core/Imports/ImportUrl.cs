using Vigil.Core.Data;
using Vigil.Core.Sync;

namespace Vigil.Core.Imports;

/// <summary>
/// Limits of <see cref="ImportUrl"/>: the download's size bound, and the retries of the sync's HTTP client.
/// </summary>
public sealed record ImportUrlOptions
{
    public static ImportUrlOptions Default { get; } = new();

    /// <summary>Largest download accepted (1 GiB): a bigger body is refused before or while it is read.</summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>Retries and timeout of the download, as a sync's (docs/sync.md, faults).</summary>
    public SyncOptions Http { get; init; } = SyncOptions.Default;
}

/// <summary>
/// <c>vigil import URL</c>: one OSV document (<c>.json</c>) or zip of them (an OSV bucket's <c>all.zip</c>) over
/// HTTP(S). The body is downloaded to a temporary file (bounded by <see cref="ImportUrlOptions.MaxBytes"/>, retried
/// like a sync's requests), recognised by its first bytes, and imported by <see cref="ImportAdvisories"/> exactly as
/// the same file on disk would be: the same validation, provenance (a hand import) and batches. Problems name the
/// URL (and the zip entry) instead of the temporary file. A failed download stores nothing and is reported as
/// the input's problem, as an unreadable path is.
/// </summary>
public sealed class ImportUrl(ImportAdvisories import, TimeProvider time)
{
    /// <param name="download">Told the bytes downloaded so far (after each read from the connection).</param>
    public async Task<ImportSummary> ExecuteAsync(
        Uri url, ImportUrlOptions? options = null, IProgress<ImportProgress>? progress = null,
        IProgress<DownloadProgress>? download = null, CancellationToken cancellationToken = default)
    {
        options ??= ImportUrlOptions.Default;
        var shown = url.AbsoluteUri;
        if (url.Scheme is not ("http" or "https"))
        {
            return Failed(shown, "only http:// and https:// addresses are downloaded");
        }
        var directory = Directory.CreateTempSubdirectory("vigil-import-");
        try
        {
            var (file, problem) = await DownloadAsync(url, directory.FullName, options, download, cancellationToken);
            if (file is null)
            {
                return Failed(shown, problem!);
            }
            var summary = await import.ExecuteAsync([file], progress, cancellationToken);
            return new ImportSummary([.. summary.Paths.Select(p => p with
            {
                Path = shown,
                Problems = [.. p.Problems.Select(x => x with
                {
                    File = x.File.Replace(file, shown, StringComparison.Ordinal),
                })],
            })]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private async Task<(string? File, string? Problem)> DownloadAsync(
        Uri url, string directory, ImportUrlOptions options, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var download = Path.Combine(directory, "download");
        using var client = new HttpOsvBucket(url, options.Http, time);
        try
        {
            var fetch = await client.GetAsync(url.AbsoluteUri, null, async (body, length, token) =>
            {
                if (length > options.MaxBytes)
                {
                    throw new SyncFailedException(
                        $"the body is {length} bytes, over the limit of {options.MaxBytes} bytes");
                }
                await using var output = File.Create(download);
                var copied = await CopyBoundedAsync(body, output, options.MaxBytes, length, progress, token);
                if (length is { } expected && copied < expected)
                {
                    throw new BucketTransientException($"the body ended after {copied} of {expected} bytes");
                }
            }, cancellationToken);
            if (fetch.Status == BucketStatus.NotFound)
            {
                return (null, "the server answered 404 (or 410): nothing there");
            }
        }
        catch (Exception exception) when (exception is SyncFailedException or BucketTransientException
            or HttpRequestException or IOException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            return (null, Message(url, exception));
        }
        var kind = Kind(download);
        if (kind is null)
        {
            return (null, "is neither a zip nor a JSON document (an OSV record or a zip of them was expected)");
        }
        var named = Path.Combine(directory, "download" + kind);
        File.Move(download, named);
        return (named, null);
    }

    /// <summary>
    /// What the first bytes say: a zip (local header or an empty zip's end record), or JSON starting with an object.
    /// </summary>
    private static string? Kind(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[512];
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var head = start[..read];
        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return ".zip";
        }
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        var text = head.TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'{' ? ".json" : null;
    }

    private static async Task<long> CopyBoundedAsync(Stream body, Stream output, long max, long? length,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > max)
            {
                throw new SyncFailedException($"the body is over the limit of {max} bytes");
            }
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            progress?.Report(new DownloadProgress(total, length));
        }
        return total;
    }

    /// <summary>The sync client's messages start with the URL; the problem is already listed under it.</summary>
    private static string Message(Uri url, Exception exception)
    {
        var message = exception is TaskCanceledException ? "the request timed out" : exception.Message;
        var prefix = url.AbsoluteUri + ": ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }

    private static ImportSummary Failed(string url, string reason) =>
        new([new ImportPathResult(url, null, 0, 0, 0, [new ImportProblem(url, reason)])]);
}
