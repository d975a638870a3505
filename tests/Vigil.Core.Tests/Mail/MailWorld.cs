using System.Collections.Concurrent;
using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Mail;
using Vigil.Core.Notifications;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Notifications;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Mail;

/// <summary>
/// The inbound listener as <c>vigil serve</c> composes it (<see cref="CoreServices.AddVigilCore"/>, the real
/// <see cref="ReportNotifier"/> with reply addresses) on a real database, listening on a free loopback port; a
/// real SMTP server on loopback takes what the outbox sends; every log line is kept to be searched.
/// </summary>
public sealed class MailWorld : IAsyncDisposable
{
    public const string Intake = "security@npm-eco.test";
    public const string ReplyDomain = "reply.vigil.test";
    public const string Researcher = "researcher@example.test";
    public const string TriagerEmail = "tri@example.test";

    private readonly ServiceProvider _services;
    private readonly InboundMailListener _listener;

    private readonly ConcurrentQueue<string> _logs;

    private readonly IConfiguration _configuration;

    private readonly bool _ownsDisclosure;

    private MailWorld(Disclosure disclosure, ServiceProvider services, LoopbackSmtpServer outbound,
        ConcurrentQueue<string> logs, IConfiguration configuration, bool ownsDisclosure)
    {
        _logs = logs;
        _configuration = configuration;
        _ownsDisclosure = ownsDisclosure;
        Disclosure = disclosure;
        _services = services;
        _listener = services.GetRequiredService<InboundMailListener>();
        Outbound = outbound;
    }

    public Disclosure Disclosure { get; }
    public LoopbackSmtpServer Outbound { get; }
    public int Port { get; private set; }

    /// <summary>Where the listener listens: a loopback port, or a Unix socket.</summary>
    public EndPoint EndPoint { get; private set; } = null!;

    public IServiceProvider Services => _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<MailWorld> StartAsync(DatabaseProvider provider,
        Dictionary<string, string?>? settings = null)
    {
        var disclosure = await Disclosure.CreateAsync(provider);
        await disclosure.Run(async db =>
        {
            db.Users.Add(new VigilUser
            {
                Id = disclosure.Triager,
                UserName = TriagerEmail,
                Email = TriagerEmail,
                NormalizedEmail = TriagerEmail.ToUpperInvariant(),
                EmailConfirmed = true,
            });
            await db.SaveChangesAsync(Ct);
            await new SetIntakeAddresses(db, disclosure.Clock).ExecuteAsync(Disclosure.Slug, Actor.System, [Intake],
                Ct);
        });
        return await StartOnAsync(disclosure, settings, ownsDisclosure: true);
    }

    /// <summary>Another instance (a second <c>vigil serve</c>) on this world's database and clock.</summary>
    public Task<MailWorld> AnotherInstanceAsync(Dictionary<string, string?>? settings = null) =>
        StartOnAsync(Disclosure, settings, ownsDisclosure: false);

    private static async Task<MailWorld> StartOnAsync(Disclosure disclosure, Dictionary<string, string?>? settings,
        bool ownsDisclosure)
    {
        var values = new Dictionary<string, string?>
        {
            ["Vigil:Mail:Inbound:Enabled"] = "true",
            ["Vigil:Mail:Inbound:Port"] = "0",
            ["Vigil:Mail:Inbound:ReplyDomain"] = ReplyDomain,
            ["Vigil:Mail:Inbound:MaxMessageBytes"] = "200000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new ConcurrentQueue<string>();
        var outbound = LoopbackSmtpServer.Start();
        var world = new MailWorld(
            disclosure, Compose(disclosure, configuration, logs), outbound, logs, configuration, ownsDisclosure);
        await world._listener.StartAsync(Ct);
        if (values["Vigil:Mail:Inbound:Enabled"] == "true")
        {
            world.EndPoint = await world._listener.Bound.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            world.Port = (world.EndPoint as IPEndPoint)?.Port ?? 0;
        }
        return world;
    }

    /// <summary>What <c>vigil serve</c> composes for mail, on the world's database and clock.</summary>
    private static ServiceProvider Compose(
        Disclosure disclosure, IConfiguration configuration, ConcurrentQueue<string> logs)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(l => l.AddProvider(new KeepingLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(disclosure.Database.Target);
        services.AddDbContext<VigilDbContext>((sp, o) => VigilDatabase.Configure(o, disclosure.Database.Target));
        services.AddVigilCore();
        services.AddSingleton<TimeProvider>(disclosure.Clock);
        services.AddSingleton(disclosure.Vault);
        services.AddScoped<IReportNotifier>(
            sp => new ReportNotifier(sp.GetRequiredService<VigilDbContext>(), disclosure.Clock,
            "https://vigil.test", disclosure.Vault, sp.GetRequiredService<ReplyAddresses>()));
        return services.BuildServiceProvider();
    }

    /// <summary>The IMAP poller of this instance (configured by the world's settings).</summary>
    public ImapMailPoller Poller => _services.GetRequiredService<ImapMailPoller>();

    /// <summary>
    /// A second server instance on the same database, with the same settings: its own container, hence its own
    /// singletons (rate limits, poller); disposed by the caller.
    /// </summary>
    public ServiceProvider AnotherInstance() => Compose(Disclosure, _configuration, _logs);

    /// <summary>Every log line written so far.</summary>
    public IReadOnlyList<string> LogLines => _logs.ToArray();

    /// <summary>Sends with MailKit's SMTP client; an SMTP refusal throws <see cref="SmtpCommandException"/>.</summary>
    public async Task SendAsync(MimeMessage message, string? envelopeSender = null)
    {
        using var client = new SmtpClient { Timeout = 60_000 };
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None, Ct);
        if (envelopeSender is null)
        {
            await client.SendAsync(message, Ct);
        }
        else
        {
            await client.SendAsync(message, MailboxAddress.Parse(envelopeSender), message.To.Mailboxes, Ct);
        }
        await client.DisconnectAsync(true, Ct);
    }

    /// <summary>Sends with an empty envelope sender (<c>MAIL FROM:&lt;&gt;</c>), as a bounce is sent.</summary>
    public async Task SendNullSenderAsync(MimeMessage message)
    {
        using var client = new SmtpClient { Timeout = 60_000 };
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None, Ct);
        await client.SendAsync(message, new MailboxAddress("", ""), message.To.Mailboxes, Ct);
        await client.DisconnectAsync(true, Ct);
    }

    public static MimeMessage Message(string from, string to, string subject, string text,
        params (string Name, byte[] Content)[] files)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        var body = new BodyBuilder { TextBody = text };
        foreach (var (name, content) in files)
        {
            body.Attachments.Add(name, content);
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Sends what the outbox holds to <see cref="Outbound"/> with the real dispatcher; returns the mail it
    /// received.</summary>
    public async Task<IReadOnlyList<MimeMessage>> DispatchAsync()
    {
        var before = Outbound.Received.Count;
        var dispatcher = new NotificationDispatcher(Disclosure.Database.Target,
            new EmailSender(Options.Create(Dispatchers.Smtp(Outbound.Port))),
            new WebhookSender(WebhookTargetGuard.CreateClient(Dispatchers.Options()), Disclosure.Clock),
            Options.Create(Dispatchers.Options()), Disclosure.Clock, NullLogger<NotificationDispatcher>.Instance,
            Disclosure.Vault);
        await dispatcher.DispatchDueAsync(Ct);
        return Outbound.Received.Skip(before).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        await Outbound.DisposeAsync();
        if (_ownsDisclosure)
        {
            await Disclosure.DisposeAsync();
        }
    }

    private sealed class KeepingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
