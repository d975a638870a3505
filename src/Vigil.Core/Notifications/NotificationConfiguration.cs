using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Core.Notifications;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessageEntity>
{
    public void Configure(EntityTypeBuilder<OutboxMessageEntity> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.EventType).HasMaxLength(100);
        // No length: the recipient is stored sealed, longer than the address it holds.
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.LeaseOwner).HasMaxLength(100);
        // The dispatcher's query: pending rows whose next attempt is due.
        builder.HasIndex(m => new { m.State, m.NextAttempt });
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpointEntity>
{
    public void Configure(EntityTypeBuilder<WebhookEndpointEntity> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedOnAdd();
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.Property(w => w.Secret).HasMaxLength(200);
        builder.Property(w => w.EventFilter).HasMaxLength(1000);
        builder.HasIndex(w => w.ProgramId);
    }
}
