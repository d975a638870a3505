using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Reports;

namespace Vigil.Core.Attachments;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<ReportAttachmentEntity>
{
    public void Configure(EntityTypeBuilder<ReportAttachmentEntity> builder)
    {
        builder.ToTable("report_attachments");
        builder.HasKey(a => a.Id);
        builder.HasOne<ReportEntity>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.MediaType).HasMaxLength(100);
        builder.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => a.ReportId);
    }
}
