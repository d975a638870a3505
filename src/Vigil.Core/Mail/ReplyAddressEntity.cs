using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Reports;

namespace Vigil.Core.Mail;

/// <summary>
/// A per-participant reply address handed out in one e-mail about a report (<c>reply+&lt;token&gt;@domain</c>).
/// Only the token's SHA-256 is stored, and only the SHA-256 of the address the mail went to: a reply is taken
/// from that sender alone, as a comment of <see cref="UserId"/> (an account) or of the report's anonymous
/// reporter. It is spent at <see cref="ExpiresAt"/>, or when the participant no longer sees the report.
/// </summary>
public sealed class ReplyAddressEntity
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public required byte[] TokenHash { get; set; }

    /// <summary>The account that replies; null: the report's anonymous reporter.</summary>
    public Guid? UserId { get; set; }

    /// <summary>
    /// SHA-256 of the lower-cased address the mail was sent to: the only sender a reply is taken from.
    /// </summary>
    public required byte[] SenderHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class ReplyAddressConfiguration : IEntityTypeConfiguration<ReplyAddressEntity>
{
    public void Configure(EntityTypeBuilder<ReplyAddressEntity> builder)
    {
        builder.ToTable("mail_reply_addresses");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.TokenHash).IsUnique();
        builder.HasIndex(a => a.ReportId);
        builder.HasOne<ReportEntity>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
