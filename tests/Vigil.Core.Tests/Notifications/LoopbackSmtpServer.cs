using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Vigil.Core.Tests.Notifications;

/// <summary>A real SMTP server (the SmtpServer library) on a free loopback port, keeping what it receives.</summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    private LoopbackSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>When true the server answers the message data with 554 (transaction failed).</summary>
    public bool Refuse { get => _store.Refuse; set => _store.Refuse = value; }

    public IReadOnlyCollection<MimeMessage> Received => _store.Messages.ToArray();

    /// <summary>Waits (real time, bounded) for the next message to arrive; false when none came.</summary>
    public Task<bool> WaitForMessageAsync(TimeSpan timeout) => _store.Arrived.WaitAsync(timeout, TestContext.Current.CancellationToken);

    public static LoopbackSmtpServer Start() => new();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public volatile bool Refuse;
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();
        public SemaphoreSlim Arrived { get; } = new(0);

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Refuse)
            {
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "refused by test");
            }
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            Arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
