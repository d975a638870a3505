namespace Vigil.Web.Operations;

/// <summary>
/// A read-only view of the (decompressed) request body that fails with 413 once more than <c>max</c> bytes were
/// read, and with 400 when the body does not decode (gzip and deflate throw InvalidDataException, brotli
/// InvalidOperationException): handlers then see one exception type with the right status. ASP.NET Core's own
/// size-limited stream is internal, and its request decompression only caps when the server exposes a body-size
/// feature (the in-memory test server does not); this one caps on every server.
/// </summary>
internal sealed class CappedStream(Stream inner, long max) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken));
        }
        catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException)
        {
            throw new BadHttpRequestException(
                $"The request body does not decode: {exception.Message}", StatusCodes.Status400BadRequest, exception);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        if (_read > max)
        {
            throw new BadHttpRequestException(
                $"The request body is larger than {max} bytes after decompression (Vigil:MaxDecompressedBodyBytes).",
                StatusCodes.Status413PayloadTooLarge);
        }
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
