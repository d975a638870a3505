namespace Vigil.Core.Notifications;

/// <summary>
/// A program's webhook receiver. <see cref="ProgramId"/> is a plain number (no foreign key yet: programs
/// live in another feature). <see cref="EventFilter"/> is a space-separated list of event types; empty
/// means every event.
/// </summary>
public sealed class WebhookEndpointEntity
{
    public long Id { get; set; }
    public long ProgramId { get; set; }
    public required string Url { get; set; }

    /// <summary>The Standard Webhooks secret, <c>whsec_</c> + base64 of at least 24 random bytes.</summary>
    public required string Secret { get; set; }

    public string EventFilter { get; set; } = "";
    public bool Enabled { get; set; } = true;

    public bool Accepts(string eventType) =>
        Enabled
            && (EventFilter.Length == 0
                || EventFilter.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Contains(eventType, StringComparer.Ordinal));
}
