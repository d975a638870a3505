using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Vigil.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer library) on loopback, keeping what it receives. It binds port 0 and
/// reads back the port the system gave it, so two tests never race for the same port.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;
    private readonly Store _store;

    private LoopbackSmtpServer(CancellationTokenSource stop, Task running, Store store, int port)
    {
        _stop = stop;
        _running = running;
        _store = store;
        Port = port;
    }

    public int Port { get; }

    /// <summary>When true the server answers the message data with 554 (transaction failed).</summary>
    public bool Refuse { get => _store.Refuse; set => _store.Refuse = value; }

    public IReadOnlyCollection<MimeMessage> Received => _store.Messages.ToArray();

    /// <summary>Waits (real time, bounded) for the next message to arrive; false when none came.</summary>
    public Task<bool> WaitForMessageAsync(TimeSpan timeout) =>
        _store.Arrived.WaitAsync(timeout, TestContext.Current.CancellationToken);

    public static LoopbackSmtpServer Start()
    {
        var store = new Store();
        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => bound.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        services.Add(listeners);
        var stop = new CancellationTokenSource();
        var running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
        running.ContinueWith(t => bound.TrySetException(t.Exception?.InnerExceptions ?? []), TaskScheduler.Default);
        if (!bound.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The loopback SMTP server did not start listening within 30 s.");
        }
        return new LoopbackSmtpServer(stop, running, store, bound.Task.Result);
    }

    /// <summary>A loopback port nothing listens on (for tests of a refused connection).</summary>
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

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context,
            IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
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
