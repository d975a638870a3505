using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Reports;

namespace Vigil.Core.Profiles;

internal sealed class CreditedAdvisoryConfiguration : IEntityTypeConfiguration<CreditedAdvisoryEntity>
{
    public void Configure(EntityTypeBuilder<CreditedAdvisoryEntity> builder)
    {
        builder.ToTable("credited_advisories");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.AdvisoryId).HasMaxLength(100);
        builder.Property(c => c.Type).HasMaxLength(40);
        builder.HasOne<ReportEntity>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.UserId, c.AdvisoryId, c.Type }).IsUnique();
        builder.HasIndex(c => c.ProgramId);
    }
}
