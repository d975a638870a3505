using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using MimeKit;

namespace Vigil.Core.Mail;

/// <summary>
/// One LMTP conversation (RFC 2033, the commands of RFC 5321 it keeps): LHLO (never HELO or EHLO: 500), MAIL with
/// SIZE and BODY, RCPT checked as the SMTP listener checks it (an intake or a live reply address, else 550), DATA
/// read with dot-unstuffing up to <see cref="InboundMailOptions.MaxMessageBytes"/> (past it the rest is read and
/// dropped, and each recipient gets 552), then one reply per accepted recipient in their order (§ 4.2), RSET, NOOP,
/// QUIT. Out of sequence: 503; malformed: 501; unknown: 500. A line longer than <see cref="MaxLine"/>, more than
/// <see cref="MaxCommands"/> commands or <see cref="MaxErrors"/> errors close the session with 500 or 421.
/// </summary>
internal sealed class LmtpSession(
    InboundMailListener listener, InboundMailOptions settings, TimeProvider time, Stream stream)
{
    /// <summary>A command line, CRLF included: RFC 5321's 512 octets and room for MAIL's parameters.</summary>
    public const int MaxLine = 1000;
    public const int MaxCommands = 1000;
    public const int MaxErrors = 20;
    /// <summary>Recipients of one message (RFC 5321 § 4.5.3.1.8: at least 100).</summary>
    public const int MaxRecipients = 100;

    private readonly PipeReader _reader = PipeReader.Create(stream);
    private readonly List<string> _recipients = [];
    private bool _greeted;
    private bool _inTransaction;
    private string? _sender;
    private int _errors;

    public static async Task TryReplyAsync(Stream stream, string line)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConverseAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await TryReplyAsync(stream, "421 4.4.2 Timeout, closing the connection");
            throw;
        }
        catch (LineTooLongException)
        {
            await TryReplyAsync(stream, "500 5.5.2 Line too long, closing the connection");
        }
    }

    private async Task ConverseAsync(CancellationToken cancellationToken)
    {
        await ReplyAsync($"220 {settings.ReplyDomain} LMTP ready", cancellationToken);
        for (var commands = 0; ; commands++)
        {
            if (await ReadLineAsync(cancellationToken) is not { } line)
            {
                return;
            }
            if (commands == MaxCommands || _errors == MaxErrors)
            {
                await ReplyAsync("421 4.7.0 Too many commands, closing the connection", cancellationToken);
                return;
            }
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var argument = space < 0 ? "" : line[(space + 1)..].Trim();
            var reply = verb switch
            {
                "LHLO" => Hello(argument),
                "HELO" or "EHLO" => Error("500 5.5.1 This is LMTP: say LHLO"),
                "MAIL" => Mail(argument),
                "RCPT" => await RecipientAsync(argument, cancellationToken),
                "DATA" => Data(argument),
                "RSET" => argument.Length > 0 ? Error("501 5.5.4 Syntax: RSET") : Reset("250 2.0.0 Ok"),
                "NOOP" => "250 2.0.0 Ok",
                "QUIT" => "221 2.0.0 Bye",
                "VRFY" or "EXPN" or "HELP" => "502 5.5.1 Not implemented",
                _ => Error("500 5.5.2 Command not recognized"),
            };
            await ReplyAsync(reply, cancellationToken);
            if (verb == "QUIT")
            {
                return;
            }
            if (verb == "DATA" && reply.StartsWith("354", StringComparison.Ordinal))
            {
                await DeliverAsync(cancellationToken);
            }
        }
    }

    private string Error(string reply)
    {
        _errors++;
        return reply;
    }

    private string Reset(string reply)
    {
        _inTransaction = false;
        _sender = null;
        _recipients.Clear();
        return reply;
    }

    private string Hello(string argument)
    {
        if (argument.Length == 0)
        {
            return Error("501 5.5.4 Syntax: LHLO domain");
        }
        _greeted = true;
        // RFC 2033 § 5: PIPELINING and ENHANCEDSTATUSCODES are required.
        return Reset(string.Join("\r\n", $"250-{settings.ReplyDomain}", "250-PIPELINING", "250-ENHANCEDSTATUSCODES",
            "250-8BITMIME", $"250 SIZE {settings.MaxMessageBytes}"));
    }

    private string Mail(string argument)
    {
        if (!_greeted)
        {
            return Error("503 5.5.1 Say LHLO first");
        }
        if (_inTransaction)
        {
            return Error("503 5.5.1 Nested MAIL command");
        }
        if (!TryPath(argument, "FROM:", out var address, out var parameters) || !IsAddress(address, allowEmpty: true))
        {
            return Error("501 5.5.4 Syntax: MAIL FROM:<address>");
        }
        foreach (var parameter in parameters)
        {
            var (name, value) = parameter.IndexOf('=') is var eq and > 0
                ? (parameter[..eq].ToUpperInvariant(), parameter[(eq + 1)..])
                : (parameter.ToUpperInvariant(), "");
            switch (name)
            {
                case "SIZE" when long.TryParse(value, out var size) && size >= 0:
                    if (size > settings.MaxMessageBytes)
                    {
                        return "552 5.3.4 Message too big";
                    }
                    break;
                case "BODY" when value.ToUpperInvariant() is "7BIT" or "8BITMIME":
                    break;
                default:
                    return Error("555 5.5.4 Unsupported parameter");
            }
        }
        _inTransaction = true;
        _sender = address.Length == 0 ? null : address;
        return "250 2.1.0 Ok";
    }

    private async Task<string> RecipientAsync(string argument, CancellationToken cancellationToken)
    {
        if (!_inTransaction)
        {
            return Error("503 5.5.1 Need MAIL first");
        }
        if (!TryPath(argument, "TO:", out var address, out var parameters) || !IsAddress(address, allowEmpty: false))
        {
            return Error("501 5.5.4 Syntax: RCPT TO:<address>");
        }
        if (parameters.Length > 0)
        {
            return Error("555 5.5.4 Unsupported parameter");
        }
        if (_recipients.Count == MaxRecipients)
        {
            return "452 4.5.3 Too many recipients";
        }
        if (!await listener.AcceptsAsync(address, cancellationToken))
        {
            return "550 5.1.1 Mailbox unavailable";
        }
        _recipients.Add(address);
        return "250 2.1.5 Ok";
    }

    private string Data(string argument)
    {
        if (argument.Length > 0)
        {
            return Error("501 5.5.4 Syntax: DATA");
        }
        if (!_inTransaction)
        {
            return Error("503 5.5.1 Need MAIL first");
        }
        // RFC 2033 § 4.2: without a successful RCPT, DATA fails with 503.
        return _recipients.Count == 0
            ? Error("503 5.5.1 No valid recipients")
            : "354 Go ahead, end with <CRLF>.<CRLF>";
    }

    /// <summary>Reads the message, then answers once per accepted recipient, in the order they were accepted.</summary>
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        await using var content = await ReadDataAsync(cancellationToken);
        IReadOnlyList<MailReply> replies;
        if (content is null)
        {
            replies = [.. _recipients.Select(_ => new MailReply(552, "5.3.4 Message too big"))];
        }
        else
        {
            content.Position = 0;
            replies = await listener.ReceiveAsync(_sender, _recipients, content, eachRecipient: true,
                cancellationToken);
        }
        Reset("");
        foreach (var reply in replies)
        {
            await ReplyAsync($"{reply.Code} {reply.Text}", cancellationToken);
        }
    }

    private async Task ReplyAsync(string reply, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// <c>FROM:&lt;address&gt; PARAM=VALUE …</c>: the address between the brackets, and the parameters.
    /// </summary>
    private static bool TryPath(string argument, string prefix, out string address, out string[] parameters)
    {
        (address, parameters) = ("", []);
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var path = argument[prefix.Length..].TrimStart();
        var close = path.IndexOf('>', StringComparison.Ordinal);
        if (!path.StartsWith('<') || close < 0)
        {
            return false;
        }
        address = path[1..close];
        parameters = path[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return true;
    }

    private static bool IsAddress(string address, bool allowEmpty) =>
        address.Length == 0
            ? allowEmpty
            : address.Length <= 320 && address.IndexOf('@', StringComparison.Ordinal) > 0
                && !address.Any(c => char.IsControl(c) || c == ' ') && MailboxAddress.TryParse(address, out _);

    /// <summary>The next line without its end (CRLF, or a bare LF); null at the end of the stream.</summary>
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                if (line.Length >= MaxLine)
                {
                    throw new LineTooLongException();
                }
                var text = Encoding.UTF8.GetString(line).TrimEnd('\r');
                _reader.AdvanceTo(buffer.GetPosition(1, end));
                return text;
            }
            if (buffer.Length >= MaxLine)
            {
                throw new LineTooLongException();
            }
            if (result.IsCompleted)
            {
                return null;
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// The message up to the line holding a single dot, dot-unstuffed (RFC 5321 § 4.5.2); null when it is longer
    /// than <see cref="InboundMailOptions.MaxMessageBytes"/> (what follows is read and dropped, so the session can
    /// go on).
    /// </summary>
    private async Task<MemoryStream?> ReadDataAsync(CancellationToken cancellationToken)
    {
        var content = new MemoryStream();
        var unstuffing = new DotUnstuffing(content, settings.MaxMessageBytes);
        while (true)
        {
            var result = await ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var consumed = unstuffing.Write(buffer);
            if (consumed is { } end)
            {
                _reader.AdvanceTo(buffer.GetPosition(end));
                if (unstuffing.TooBig)
                {
                    await content.DisposeAsync();
                    return null;
                }
                return content;
            }
            if (result.IsCompleted)
            {
                throw new IOException("The connection closed during DATA.");
            }
            _reader.AdvanceTo(buffer.End);
        }
    }

    private async Task<ReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(LmtpServer.IdleTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        return await _reader.ReadAsync(linked.Token);
    }

    private sealed class LineTooLongException : Exception;

    /// <summary>
    /// A byte-by-byte reader of DATA: a line that starts with a dot loses it ("..x" is ".x"); a line that is a single
    /// dot ends the message. Bytes past the limit are not kept.
    /// </summary>
    private sealed class DotUnstuffing(MemoryStream content, long limit)
    {
        private enum At { LineStart, Middle, Dot, DotCr }

        private At _at = At.LineStart;
        private long _size;

        public bool TooBig { get; private set; }

        /// <summary>
        /// Reads <paramref name="buffer"/>; the number of bytes up to the end of the message, if in it.
        /// </summary>
        public long? Write(ReadOnlySequence<byte> buffer)
        {
            long offset = 0;
            foreach (var segment in buffer)
            {
                var span = segment.Span;
                for (var i = 0; i < span.Length; i++)
                {
                    if (Step(span[i]))
                    {
                        return offset + i + 1;
                    }
                }
                offset += span.Length;
            }
            return null;
        }

        private bool Step(byte b)
        {
            switch (_at)
            {
                case At.LineStart when b == '.':
                    _at = At.Dot;
                    return false;
                case At.Dot when b == '\n':
                case At.DotCr when b == '\n':
                    return true;
                case At.Dot when b == '\r':
                    _at = At.DotCr;
                    return false;
                case At.DotCr:
                    Keep((byte)'\r');
                    break;
            }
            Keep(b);
            _at = b == '\n' ? At.LineStart : At.Middle;
            return false;
        }

        private void Keep(byte b)
        {
            if (TooBig)
            {
                return;
            }
            if (++_size > limit)
            {
                TooBig = true;
                content.SetLength(0);
                return;
            }
            content.WriteByte(b);
        }
    }
}
