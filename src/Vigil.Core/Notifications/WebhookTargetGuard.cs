using System.Net;
using System.Net.Sockets;

namespace Vigil.Core.Notifications;

/// <summary>
/// SSRF guard for webhooks: only http/https URLs, and connections only to public addresses unless
/// <see cref="NotificationOptions.AllowPrivateWebhookTargets"/> is on. The address check runs when the
/// socket connects (after DNS), so a name that resolves to a private address later is refused too.
/// </summary>
public static class WebhookTargetGuard
{
    public static bool IsAllowedUrl(string url, out Uri? uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.UserInfo.Length == 0;

    /// <summary>Whether <paramref name="address"/> is globally reachable: in no range of
    /// <see cref="SpecialAddresses"/>.</summary>
    public static bool IsPublic(IPAddress address) => SpecialAddresses.Classify(address) is null;

    /// <summary>An HttpClient whose connections go only to addresses the guard allows.</summary>
    public static HttpClient CreateClient(NotificationOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
                var allowed = addresses.Where(a => options.AllowPrivateWebhookTargets || IsPublic(a)).ToArray();
                if (allowed.Length == 0)
                {
                    throw new DeliveryFailedException("webhook target is not a public address");
                }
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = options.WebhookTimeout };
    }
}
