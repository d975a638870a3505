using System.Buffers;

namespace Vigil.Lockfiles.Parsing;

/// <summary>A growable byte buffer rented from <see cref="ArrayPool{T}"/>; dispose returns it.</summary>
internal sealed class PooledBytes : IDisposable
{
    private byte[] array;

    public PooledBytes(int capacity) => array = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 4096));

    public int Length { get; private set; }

    /// <summary>The content without a UTF-8 byte order mark (some Windows editors add one).</summary>
    public ReadOnlySpan<byte> Text => array.AsSpan(0, Length) is var all && all.StartsWith("\uFEFF"u8) ? all[3..] : all;

    public Span<byte> FreeSpace()
    {
        if (Length == array.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(array.Length * 2L, Array.MaxLength));
            array.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(array);
            array = bigger;
        }

        return array.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public Stream AsStream()
    {
        var offset = Text.Length == Length ? 0 : 3;
        return new MemoryStream(array, offset, Length - offset, writable: false);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(array);
        array = [];
    }
}
