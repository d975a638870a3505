using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Advisories;

namespace Vigil.Core.Sync;

internal sealed class SyncStateConfiguration : IEntityTypeConfiguration<SyncStateEntity>
{
    public void Configure(EntityTypeBuilder<SyncStateEntity> builder)
    {
        builder.ToTable("sync_states");
        builder.HasKey(s => new { s.Source, s.Ecosystem });
        builder.Property(s => s.Source).HasMaxLength(AdvisoryOrigin.MaxLength);
        builder.Property(s => s.Ecosystem).HasMaxLength(100);
        builder.Property(s => s.BaseUrl).HasMaxLength(2000);
        builder.Property(s => s.ETag).HasMaxLength(500);
        builder.Property(s => s.Error).HasMaxLength(8000);
    }
}
