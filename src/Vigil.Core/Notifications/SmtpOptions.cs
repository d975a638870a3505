using System.ComponentModel.DataAnnotations;

namespace Vigil.Core.Notifications;

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The <c>Vigil:Smtp</c> section. Without a host no e-mail is sent (messages stay queued).</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Vigil:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Vigil &lt;security@example.org&gt;</c>.</summary>
    public string? From { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Configured)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult(
                "Vigil:Smtp:From must be a mailbox such as 'Vigil <security@example.org>' when Vigil:Smtp:Host is set.",
                [nameof(From)]);
        }
        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult(
                "Vigil:Smtp:User and Vigil:Smtp:Password are set together or not at all.",
                [nameof(User), nameof(Password)]);
        }
    }
}
