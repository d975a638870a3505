using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Reports;

namespace Vigil.Core.Clock;

internal sealed class DeadlineActionConfiguration : IEntityTypeConfiguration<DeadlineActionEntity>
{
    public void Configure(EntityTypeBuilder<DeadlineActionEntity> builder)
    {
        builder.ToTable("deadline_actions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(a => new { a.ReportId, a.Action, a.DueAt }).IsUnique();
        builder.HasOne<ReportEntity>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
