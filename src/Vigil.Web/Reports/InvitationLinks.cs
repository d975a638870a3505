using Microsoft.Extensions.Options;
using Vigil.Core.Notifications;
using Vigil.Core.Reports;
using Vigil.Web.Compat;

namespace Vigil.Web.Reports;

/// <summary>
/// The invitation link handed back to the inviter (the API's <c>invitationUrl</c>, the report page after "Invite"): on
/// the configured public address (<c>Vigil:Notifications:PublicBaseUrl</c>, else <c>Vigil:PublicUrl</c>), else on the
/// host the inviter's own request came to. E-mails never take the request's host: a request could name any host, and
/// an e-mailed link must lead to this site (they use the configured address only).
/// </summary>
public sealed class InvitationLinks(IOptions<NotificationOptions> notifications, IOptions<ServerOptions> server,
    IOptions<SmtpOptions> smtp)
{
    public Uri For(HttpRequest request, long reportId, string token) =>
        ReportNotifier.InvitationLink(
            string.IsNullOrWhiteSpace(notifications.Value.PublicBaseUrl) ? PublicUrl.Of(request, server.Value)
                : notifications.Value.PublicBaseUrl,
            reportId, token);

    /// <summary>Whether the invitation is e-mailed: an SMTP server is configured and the dispatcher runs.</summary>
    public bool SendsMail => smtp.Value.Configured && notifications.Value.Enabled;
}
