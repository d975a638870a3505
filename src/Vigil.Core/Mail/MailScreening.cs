using MimeKit;

namespace Vigil.Core.Mail;

/// <summary>
/// Mail that must never become a report or a comment, whatever address it reaches: bounces (an empty envelope
/// sender, RFC 5321 §4.5.5, or a delivery status report, RFC 3464), automatic answers (<c>Auto-Submitted</c>
/// other than <c>no</c>, RFC 3834; <c>Precedence: bulk, junk, list</c>; the common auto-responder headers) and
/// Vigil's own mail coming back (<c>X-Vigil-Event</c>). Such mail is accepted and dropped, so no bounce answers a
/// bounce and no loop starts; the reason is a fixed word for the log.
/// </summary>
public static class MailScreening
{
    public static string? DropReason(string? envelopeSender, MimeMessage message)
    {
        if (string.IsNullOrEmpty(envelopeSender))
        {
            return "bounce";
        }
        if (message.Body is MultipartReport
            || message.Body?.ContentType.IsMimeType("message", "delivery-status") == true)
        {
            return "delivery report";
        }
        if (message.Headers["X-Vigil-Event"] is not null)
        {
            return "own mail";
        }
        if (message.Headers["Auto-Submitted"] is { } auto
            && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return "auto-submitted";
        }
        if (message.Headers["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list")
        {
            return "bulk";
        }
        if (message.Headers["X-Autoreply"] is not null || message.Headers["X-Autorespond"] is not null
            || (message.Headers["X-Auto-Response-Suppress"]?.Contains("All", StringComparison.OrdinalIgnoreCase) == true
                && message.Headers["In-Reply-To"] is not null))
        {
            return "auto-reply";
        }
        return null;
    }
}
