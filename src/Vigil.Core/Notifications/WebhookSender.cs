using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Notifications;

/// <summary>
/// Posts one outbox webhook, signed per the Standard Webhooks specification (headers <c>webhook-id</c>,
/// <c>webhook-timestamp</c>, <c>webhook-signature</c> = <c>v1,</c> base64 HMAC-SHA256 of
/// <c>id.timestamp.body</c>), using the StandardWebhooks package. Any non-2xx answer or a timeout fails the attempt.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock)
{
    public async Task SendAsync(VigilDbContext db, OutboxMessageEntity message, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking()
            .SingleOrDefaultAsync(w => w.Id == message.WebhookEndpointId, cancellationToken)
            ?? throw new DeliveryFailedException("webhook endpoint no longer exists");
        if (!endpoint.Enabled)
        {
            throw new DeliveryFailedException("webhook endpoint is disabled");
        }
        if (!WebhookTargetGuard.IsAllowedUrl(endpoint.Url, out var uri))
        {
            throw new DeliveryFailedException("webhook URL is not an http or https URL");
        }
        var id = $"msg_vigil_{message.Id.ToString(CultureInfo.InvariantCulture)}";
        var timestamp = clock.GetUtcNow();
        var signature = new StandardWebhooks.StandardWebhook(endpoint.Secret).Sign(id, timestamp, message.TextBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(message.TextBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryFailedException("webhook timed out", e);
        }
        catch (HttpRequestException e)
        {
            throw e.InnerException as DeliveryFailedException
                ?? new DeliveryFailedException($"webhook connection failed ({e.HttpRequestError})", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new DeliveryFailedException($"webhook answered HTTP {(int)response.StatusCode}");
            }
        }
    }
}
