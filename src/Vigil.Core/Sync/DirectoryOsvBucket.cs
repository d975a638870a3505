namespace Vigil.Core.Sync;

/// <summary>
/// A bucket copied to disk (an air-gapped instance fed from a copy). A file's write time stands for
/// Last-Modified, so an unchanged <c>modified_id.csv</c> is not read again. Nothing is retried: a local
/// read that fails will fail the same way again.
/// </summary>
internal sealed class DirectoryOsvBucket(string directory) : IOsvBucket
{
    public string Describe(string path) =>
        Path.Combine(directory, Uri.UnescapeDataString(path).Replace('/', Path.DirectorySeparatorChar));

    public async Task<BucketFetch> GetAsync(
        string path, BucketValidators? ifChanged, Func<Stream, long?, CancellationToken, Task> read,
        CancellationToken cancellationToken)
    {
        var file = Describe(path);
        if (!File.Exists(file))
        {
            return new BucketFetch(BucketStatus.NotFound, new BucketValidators(null, null));
        }
        var written = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
        var validators = new BucketValidators(null, written);
        if (ifChanged?.LastModified is { } since && written <= since)
        {
            return new BucketFetch(BucketStatus.NotModified, validators);
        }
        try
        {
            await using var stream = new FileStream(
                file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await read(stream, stream.Length, cancellationToken);
        }
        catch (BucketTransientException exception)
        {
            throw new SyncFailedException(exception.Message, exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SyncFailedException($"{file}: cannot be read: {exception.Message}", exception);
        }
        return new BucketFetch(BucketStatus.Ok, validators);
    }

    public void Dispose()
    {
    }
}
