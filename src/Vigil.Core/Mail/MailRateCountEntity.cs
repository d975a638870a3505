using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Core.Mail;

/// <summary>
/// How many messages one sender sent, or one address received, in one clock hour (<see cref="InboundRateLimit"/>),
/// shared by every instance on the database. The sender or address is kept as a SHA-256 only
/// (<see cref="InboundRateLimit.Key"/>); rows of past hours are deleted as new mail is counted.
/// </summary>
public sealed class MailRateCountEntity
{
    public required byte[] KeyHash { get; set; }

    /// <summary>The window: the clock hour counted from the Unix epoch (<see cref="InboundRateLimit.Hour"/>).</summary>
    public long Hour { get; set; }

    public int Count { get; set; }
}

internal sealed class MailRateCountConfiguration : IEntityTypeConfiguration<MailRateCountEntity>
{
    public void Configure(EntityTypeBuilder<MailRateCountEntity> builder)
    {
        builder.ToTable("mail_rate_counts");
        builder.HasKey(c => new { c.KeyHash, c.Hour });
        builder.Property(c => c.KeyHash).HasMaxLength(32);
        builder.HasIndex(c => c.Hour);
    }
}
