using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Core.Mail;

/// <summary>
/// A message that was taken, remembered by the SHA-256 of its sender and <c>Message-ID</c> (never the ID itself):
/// the same message delivered again (an MTA that retries after losing Vigil's 250) is accepted and dropped
/// instead of making a second report or comment. Kept for <see cref="ReceivedMessages.Memory"/>.
/// </summary>
public sealed class ReceivedMessageEntity
{
    public required byte[] KeyHash { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class ReceivedMessageConfiguration : IEntityTypeConfiguration<ReceivedMessageEntity>
{
    public void Configure(EntityTypeBuilder<ReceivedMessageEntity> builder)
    {
        builder.ToTable("mail_received_messages");
        builder.HasKey(m => m.KeyHash);
        builder.Property(m => m.KeyHash).HasMaxLength(32);
        builder.HasIndex(m => m.ReceivedAt);
    }
}
