using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Vigil.Core.Mail;

/// <summary>
/// The LMTP listener (RFC 2033) of <c>vigil serve</c>, for an MTA's <c>lmtp:</c> transport. Written here because no
/// maintained .NET library serves LMTP, and the SmtpServer library the SMTP listener uses cannot be taught it: its
/// command set and state machine are internal (no LHLO), and its DATA command answers once per message where LMTP
/// answers once per recipient. What it does is small (<see cref="LmtpSession"/>); every rule of what a message
/// becomes stays in <see cref="ReceiveMail"/>, through <see cref="InboundMailListener"/> as for SMTP.
/// Bounds: <see cref="MaxSessions"/> at once, each at most <see cref="SessionLifetime"/> long and idle at most
/// <see cref="IdleTimeout"/>, on a TCP port or a Unix socket.
/// </summary>
internal sealed partial class LmtpServer(InboundMailListener listener, InboundMailOptions settings, TimeProvider time)
{
    public const int MaxSessions = 32;
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(30);

    public async Task RunAsync(Action<EndPoint> listening, CancellationToken stoppingToken)
    {
        using var socket = Bind();
        var sessions = new SemaphoreSlim(MaxSessions);
        var running = new HashSet<Task>();
        listening(socket.LocalEndPoint!);
        try
        {
            while (true)
            {
                var client = await socket.AcceptAsync(stoppingToken);
                var session = ServeAsync(client, sessions, stoppingToken);
                lock (running)
                {
                    running.Add(session);
                }
                _ = session.ContinueWith(t =>
                {
                    lock (running)
                    {
                        running.Remove(t);
                    }
                }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Task[] left;
            lock (running)
            {
                left = [.. running];
            }
            await Task.WhenAll(left);
            if (settings.UnixSocket is { Length: > 0 } path)
            {
                File.Delete(path);
            }
        }
    }

    private Socket Bind()
    {
        if (settings.UnixSocket is { Length: > 0 } path)
        {
            RemoveStaleSocket(path);
            var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            unix.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsWindows())
            {
                // the MTA's user reaches it through the group (docs/email.md); nobody else does
                File.SetUnixFileMode(path,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            }
            unix.Listen(64);
            return unix;
        }
        var endPoint = new IPEndPoint(IPAddress.Parse(settings.Address), settings.Port);
        var tcp = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(endPoint);
        tcp.Listen(64);
        return tcp;
    }

    /// <summary>
    /// A socket file left by a server that did not stop cleanly is removed; anything else at the path (a server
    /// still listening, a regular file) stops the start, naming the setting.
    /// </summary>
    private static void RemoveStaleSocket(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new InvalidOperationException(
                    $"{InboundMailOptions.Section}:UnixSocket {path} is in use by another server.");
            }
            catch (SocketException)
            {
            }
        }
        try
        {
            // a socket cannot be opened as a file (ENXIO): a file that opens is not one, and is left alone
            File.OpenHandle(path, FileMode.Open, FileAccess.Read).Dispose();
        }
        catch (IOException)
        {
            File.Delete(path);
            return;
        }
        throw new InvalidOperationException(
            $"{InboundMailOptions.Section}:UnixSocket {path} exists and is not a socket.");
    }

    private async Task ServeAsync(Socket client, SemaphoreSlim sessions, CancellationToken stoppingToken)
    {
        await Task.Yield();
        await using var stream = new NetworkStream(client, ownsSocket: true);
        if (!sessions.Wait(0, CancellationToken.None))
        {
            await LmtpSession.TryReplyAsync(stream, "421 4.3.2 Too many connections, try again later");
            return;
        }
        try
        {
            using var lifetime = new CancellationTokenSource(SessionLifetime, time);
            using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.Token);
            await new LmtpSession(listener, settings, time, stream).RunAsync(session.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // the client went away, or the server stops
        }
        catch (Exception e)
        {
            LogSessionFailed(listener.Logger, e);
        }
        finally
        {
            sessions.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An LMTP session failed")]
    private static partial void LogSessionFailed(ILogger logger, Exception exception);
}
