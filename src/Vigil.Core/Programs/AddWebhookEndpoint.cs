using System.Security.Cryptography;
using Vigil.Core.Data;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;

namespace Vigil.Core.Programs;

/// <summary>A new webhook endpoint and its signing secret, which is shown this once.</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpointView Endpoint, string Secret);

/// <summary>
/// Adds a webhook receiver to a program. The URL must pass <see cref="WebhookTargetGuard.IsAllowedUrl"/>
/// (http or https, no user info); the address check happens when a delivery connects. The secret is
/// generated here in the Standard Webhooks format (<c>whsec_</c> + base64 of 32 random bytes), which
/// <see cref="WebhookSender"/> signs with.
/// </summary>
public sealed class AddWebhookEndpoint(VigilDbContext db)
{
    public const string SecretPrefix = "whsec_";

    public async Task<CreatedWebhookEndpoint> ExecuteAsync(
        string slug,
        Actor actor,
        string? url,
        IReadOnlyList<string>? events,
        CancellationToken cancellationToken = default)
    {
        var program = await ProgramAdminAccess.LoadAsync(db, slug, actor, cancellationToken);
        url = url?.Trim();
        if (string.IsNullOrEmpty(url) || url.Length > 2000 || !WebhookTargetGuard.IsAllowedUrl(url, out _))
        {
            throw ProgramAdminAccess.Invalid("url", "an absolute http or https URL without a user name or password.");
        }
        var filter = (events ?? []).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct().ToList();
        foreach (var (type, i) in filter.Select((e, i) => (e, i)))
        {
            if (!NotificationEvent.All.Contains(type))
            {
                throw ProgramAdminAccess.Invalid(
                    $"events[{i}]", $"'{type}' is not an event type ({string.Join(", ", NotificationEvent.All)}).");
            }
        }
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var endpoint = new WebhookEndpointEntity
        {
            ProgramId = program.Id,
            Url = url,
            Secret = secret,
            EventFilter = string.Join(' ', filter),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedWebhookEndpoint(GetProgramAdmin.View(endpoint), secret);
    }
}
