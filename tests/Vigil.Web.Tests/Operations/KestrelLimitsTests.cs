using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;

namespace Vigil.Web.Tests.Operations;

/// <summary>The real Kestrel server (not the in-memory test host): slow clients are cut off.</summary>
public class KestrelLimitsTests
{
    [Fact]
    public async Task SlowHeaders_PastRequestHeadersTimeout_ConnectionIsClosed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = VigilWebApp.Build(
            ["--urls", "http://127.0.0.1:0", $"--Vigil:Reports:MasterKey={Infrastructure.VigilFactory.MasterKey}"],
            database.Target,
            builder => builder.Configuration["Vigil:Limits:RequestHeadersTimeoutSeconds"] = "1");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(
            app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        // A slow-loris client: the request line and one header, then nothing.
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: localhost\r\n"),
            TestContext.Current.CancellationToken);
        var started = DateTime.UtcNow;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        var received = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "Kestrel kept the connection open");
        Assert.StartsWith("HTTP/1.1 408", received.ToString());
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
