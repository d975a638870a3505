using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Vigil.Core.Tests.Mail;

/// <summary>
/// A raw LMTP client on a real socket: MailKit speaks SMTP only (it has no LHLO), so the tests write the
/// conversation of RFC 2033 line by line, as Postfix's <c>lmtp:</c> transport does.
/// </summary>
public sealed class LmtpConversation : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private LmtpConversation(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.ASCII);
    }

    public string Greeting { get; private set; } = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<LmtpConversation> OpenAsync(EndPoint endPoint)
    {
        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, Ct);
        var conversation = new LmtpConversation(socket);
        conversation.Greeting = await conversation.ReadReplyAsync() ?? "";
        return conversation;
    }

    /// <summary>Sends one command line; its reply (the lines of a multi-line one joined by \n).</summary>
    public async Task<string> CommandAsync(string line)
    {
        await WriteAsync(line + "\r\n");
        return await ReadReplyAsync() ?? "(closed)";
    }

    public async Task WriteAsync(string raw)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(raw), Ct);
        await _stream.FlushAsync(Ct);
    }

    /// <summary>The next reply; null when the server closed the connection.</summary>
    public async Task<string?> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (await _reader.ReadLineAsync(Ct) is { } line)
        {
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join('\n', lines);
            }
        }
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    /// <summary>
    /// DATA, the message dot-stuffed, and the final dot; then the <paramref name="replies"/> replies that follow
    /// (one per accepted recipient). When DATA itself is refused, that reply alone.
    /// </summary>
    public async Task<IReadOnlyList<string>> DataAsync(string message, int replies)
    {
        var go = await CommandAsync("DATA");
        if (!go.StartsWith("354", StringComparison.Ordinal))
        {
            return [go];
        }
        var stuffed = message.Replace("\r\n.", "\r\n..", StringComparison.Ordinal);
        if (stuffed.StartsWith('.'))
        {
            stuffed = "." + stuffed;
        }
        await WriteAsync(stuffed + (stuffed.EndsWith("\r\n", StringComparison.Ordinal) ? "" : "\r\n") + ".\r\n");
        var answers = new List<string>();
        for (var i = 0; i < replies; i++)
        {
            answers.Add(await ReadReplyAsync() ?? "(closed)");
        }
        return answers;
    }

    /// <summary>
    /// A whole transaction: LHLO, MAIL, each RCPT, DATA; the replies to RCPT and those after the dot.
    /// </summary>
    public async Task<(IReadOnlyList<string> Rcpt, IReadOnlyList<string> Data)> SendAsync(
        MimeMessage message, string envelopeSender, params string[] recipients)
    {
        Assert.StartsWith("250", await CommandAsync("LHLO mta.example.test"), StringComparison.Ordinal);
        Assert.StartsWith("250", await CommandAsync($"MAIL FROM:<{envelopeSender}>"), StringComparison.Ordinal);
        var rcpt = new List<string>();
        foreach (var recipient in recipients)
        {
            rcpt.Add(await CommandAsync($"RCPT TO:<{recipient}>"));
        }
        var accepted = rcpt.Count(r => r.StartsWith("250", StringComparison.Ordinal));
        return (rcpt, await DataAsync(Wire(message), accepted));
    }

    /// <summary>The message as it travels: CRLF line ends.</summary>
    public static string Wire(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(new MimeKit.FormatOptions { NewLineFormat = NewLineFormat.Dos }, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
