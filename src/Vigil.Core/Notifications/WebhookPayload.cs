using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Notifications;

/// <summary>The JSON body of a webhook, in the Standard Webhooks shape (<c>type</c>, <c>timestamp</c>,
/// <c>data</c>).</summary>
public static class WebhookPayload
{
    public sealed record Data(
        [property: JsonPropertyName("program")] string Program,
        [property: JsonPropertyName("report")] long Report,
        [property: JsonPropertyName("link")] string Link,
        [property: JsonPropertyName("deadline")] DateTimeOffset? Deadline);

    public sealed record Body(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
        [property: JsonPropertyName("data")] Data Data);

    public static string Serialize(string eventType, NotificationFacts facts, DateTimeOffset now) =>
        JsonSerializer.Serialize(new Body(
            eventType, now, new Data(facts.ProgramName, facts.ReportNumber, facts.Link.AbsoluteUri, facts.Deadline)));
}
