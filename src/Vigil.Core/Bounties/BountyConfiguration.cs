using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.Bounties;

internal sealed class BountyTableConfiguration : IEntityTypeConfiguration<BountyTableEntity>
{
    public void Configure(EntityTypeBuilder<BountyTableEntity> builder)
    {
        builder.ToTable("bounty_tables");
        builder.HasKey(t => t.Id);
        builder.HasOne<ProgramEntity>().WithMany().HasForeignKey(t => t.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.ProgramId).IsUnique();
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.InScope).HasMaxLength(BountyTableInput.MaxScopeLength);
        builder.Property(t => t.OutOfScope).HasMaxLength(BountyTableInput.MaxScopeLength);
        builder.HasMany(t => t.Ranges).WithOne().HasForeignKey(r => r.TableId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BountyRangeConfiguration : IEntityTypeConfiguration<BountyRangeEntity>
{
    public void Configure(EntityTypeBuilder<BountyRangeEntity> builder)
    {
        builder.ToTable("bounty_ranges");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Severity).HasMaxLength(20);
        builder.Property(r => r.Min).HasPrecision(18, 4);
        builder.Property(r => r.Max).HasPrecision(18, 4);
        builder.HasIndex(r => new { r.TableId, r.Severity }).IsUnique();
    }
}

internal sealed class BountyAwardConfiguration : IEntityTypeConfiguration<BountyAwardEntity>
{
    public void Configure(EntityTypeBuilder<BountyAwardEntity> builder)
    {
        builder.ToTable("bounty_awards");
        builder.HasKey(a => a.Id);
        builder.HasOne<ReportEntity>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.ReportId).IsUnique();
        builder.HasIndex(a => a.ProgramId);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.Severity).HasMaxLength(20);
        // No length: the reason is stored sealed (BountyReason), longer than the text it holds.
        builder.Property(a => a.Revision).IsConcurrencyToken();
        builder.HasMany(a => a.Payments).WithOne().HasForeignKey(p => p.AwardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BountyPaymentConfiguration : IEntityTypeConfiguration<BountyPaymentEntity>
{
    public void Configure(EntityTypeBuilder<BountyPaymentEntity> builder)
    {
        builder.ToTable("bounty_payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Recipient).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Amount).HasPrecision(18, 4);
        builder.HasIndex(p => new { p.AwardId, p.Recipient }).IsUnique();
        builder.HasIndex(p => p.UserId);
    }
}
