using System.Net;
using System.Net.Sockets;
using Vigil.Cli.Tests.Infrastructure;

namespace Vigil.Cli.Tests.Reliability;

/// <summary>What the crash harness's servers run on in the tests.</summary>
internal static class HarnessServers
{
    /// <summary>
    /// The published managed build where CI names one (<c>VIGIL_TEST_PUBLISHED</c>), else the one built here.
    /// </summary>
    public static string Vigil
    {
        get
        {
            var published = Environment.GetEnvironmentVariable(PublishedVigilTests.Variable);
            var host = string.IsNullOrEmpty(published) ? null : Path.Combine(published, "host", "vigil");
            return host is not null && File.Exists(host) ? host : VigilProcess.Executable;
        }
    }

    /// <summary>A port free at this moment (the harness's servers take a port given on their command line).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
