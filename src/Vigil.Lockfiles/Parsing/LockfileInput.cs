using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using YamlDotNet.Core;

namespace Vigil.Lockfiles.Parsing;

/// <summary>The untrusted-input boundary every reader goes through: size limit, text check, error wrapping.</summary>
internal static class LockfileInput
{
    // C0 controls other than tab/LF/CR, and DEL: never valid in JSON, YAML or yarn.lock text.
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [
            0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
            127
        ]);

    /// <summary>Runs a read and makes sure only <see cref="LockfileException"/> leaves it.</summary>
    public static T Guard<T>(string filePath, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (LockfileException)
        {
            throw;
        }
        catch (FormatError e)
        {
            throw new LockfileException(filePath, e.Line, e.Column, e.Reason, e);
        }
        catch (JsonException e)
        {
            // The reader's message ends with its own 0-based " LineNumber: 3 | BytePositionInLine: 7."
            var reason = e.Message.Split(" LineNumber:", 2)[0].TrimEnd();
            throw new LockfileException(
                filePath, (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, $"invalid JSON: {reason}", e);
        }
        catch (YamlException e)
        {
            // YamlException.Message is "(Line: 3, Col: 5, Idx: 20) - (Line: …): reason".
            var marker = e.Message.IndexOf("): ", StringComparison.Ordinal);
            var reason = marker >= 0 ? e.Message[(marker + 3)..] : e.Message;
            throw new LockfileException(filePath, (int)e.Start.Line, (int)e.Start.Column, $"invalid YAML: {reason}", e);
        }
        catch (IOException e)
        {
            throw new LockfileException(filePath, null, null, $"could not read the file: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LockfileException(filePath, null, null, $"could not read the file: {e.Message}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The contract is "only LockfileException escapes Read"; a bug here must not crash an audit run.
            throw new LockfileException(
                filePath, null, null, $"unexpected {e.GetType().Name} while reading: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads the whole stream into a pooled buffer, failing before more than <c>MaxBytes</c> is
    /// buffered. Pooled because lockfiles are large-object-heap sized and a fresh array per read
    /// would cost a gen-2 collection each time.
    /// </summary>
    public static PooledBytes ReadBounded(Stream content, LockfileReadOptions options)
    {
        var expected = 64 * 1024;
        if (content.CanSeek)
        {
            var remaining = content.Length - content.Position;
            if (remaining > options.MaxBytes)
            {
                throw TooLarge(remaining, options);
            }

            expected = (int)remaining + 1;
        }

        var buffer = new PooledBytes(expected);
        try
        {
            while (true)
            {
                // Never ask for more than one byte past the limit, so an endless stream costs MaxBytes at most.
                var space = buffer.FreeSpace();
                var read = content.Read(space[..(int)Math.Min(space.Length, options.MaxBytes + 1 - buffer.Length)]);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.Length > options.MaxBytes)
                {
                    throw TooLarge(null, options);
                }
            }

            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Rejects invalid UTF-8 and control characters (binary junk) with their position.</summary>
    public static void CheckText(ReadOnlySpan<byte> utf8)
    {
        var control = utf8.IndexOfAny(ControlBytes);
        if (control >= 0)
        {
            var (line, column) = Locate(utf8, control);
            throw new FormatError(line, column, $"control character 0x{utf8[control]:X2}: this is not a text lockfile");
        }

        if (Utf8.IsValid(utf8))
        {
            return;
        }

        var buffer = new char[utf8.Length];
        Utf8.ToUtf16(utf8, buffer, out var valid, out _, replaceInvalidSequences: false);
        var (badLine, badColumn) = Locate(utf8, valid);
        throw new FormatError(badLine, badColumn, "invalid UTF-8: this is not a text lockfile");
    }

    public static LockNode ReadJson(Stream content, LockfileReadOptions options)
    {
        using var bytes = ReadBounded(content, options);
        CheckText(bytes.Text);
        return JsonTree.Parse(bytes.Text, options.MaxDepth);
    }

    public static string ReadText(Stream content, LockfileReadOptions options)
    {
        using var bytes = ReadBounded(content, options);
        CheckText(bytes.Text);
        return Encoding.UTF8.GetString(bytes.Text);
    }

    /// <summary>YAML is decoded while it is parsed, so the file never exists as one large string.</summary>
    public static IReadOnlyList<LockNode> ReadYaml(Stream content, LockfileReadOptions options)
    {
        using var bytes = ReadBounded(content, options);
        CheckText(bytes.Text);
        using var reader = new StreamReader(bytes.AsStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        return YamlTree.ParseDocuments(reader, options.MaxDepth);
    }

    private static (int Line, int Column) Locate(ReadOnlySpan<byte> utf8, int offset)
    {
        var before = utf8[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    private static FormatError TooLarge(long? size, LockfileReadOptions options) =>
        new(null, null, size is { } s
            ? $"the file is {s:N0} bytes, over the limit of {options.MaxBytes:N0} bytes"
            : $"the file is over the limit of {options.MaxBytes:N0} bytes");
}
