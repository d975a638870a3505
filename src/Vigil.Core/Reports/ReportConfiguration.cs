using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Programs;

namespace Vigil.Core.Reports;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<ReportEntity>
{
    public void Configure(EntityTypeBuilder<ReportEntity> builder)
    {
        builder.ToTable("reports");
        builder.HasKey(r => r.Id);
        builder.HasOne<ProgramEntity>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.RejectionReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CvssVector).HasMaxLength(300);
        builder.Property(r => r.Cwe).HasMaxLength(20);
        builder.Property(r => r.AdvisoryId).HasMaxLength(200);
        builder.Property(r => r.CveId).HasMaxLength(30);
        builder.HasIndex(r => r.CveId).IsUnique();
        builder.Property(r => r.CveState).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasIndex(r => new { r.ProgramId, r.State });
        builder.HasIndex(r => r.ReporterUserId);
        builder.HasIndex(r => r.TriageDueAt);
        builder.HasIndex(r => r.PublicationDueAt);
        builder.HasIndex(r => r.DuplicateGroupId);
        builder.Property(r => r.DuplicateGroupReason).HasMaxLength(1200);
        builder.HasMany(r => r.Packages).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportPackageConfiguration : IEntityTypeConfiguration<ReportPackageEntity>
{
    public void Configure(EntityTypeBuilder<ReportPackageEntity> builder)
    {
        builder.ToTable("report_packages");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Ecosystem).HasMaxLength(100);
        builder.Property(p => p.Name).HasMaxLength(300);
        builder.Property(p => p.AffectedVersions).HasMaxLength(500);
        builder.Property(p => p.FixedVersion).HasMaxLength(100);
        builder.HasIndex(p => new { p.Ecosystem, p.Name });
    }
}

internal sealed class ReportParticipantConfiguration : IEntityTypeConfiguration<ReportParticipantEntity>
{
    public void Configure(EntityTypeBuilder<ReportParticipantEntity> builder)
    {
        builder.ToTable("report_participants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.HasOne<ReportEntity>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
        // One row per account and per invited address in a report: two invitations racing each other cannot both land.
        builder.HasIndex(p => new { p.ReportId, p.UserId }).IsUnique();
        builder.HasIndex(p => new { p.ReportId, p.Email }).IsUnique();
        builder.HasIndex(p => p.UserId);
    }
}

internal sealed class ReportEventConfiguration : IEntityTypeConfiguration<ReportEventEntity>
{
    public void Configure(EntityTypeBuilder<ReportEventEntity> builder)
    {
        builder.ToTable("report_events");
        builder.HasKey(e => e.Id);
        builder.HasOne<ReportEntity>().WithMany().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.FromState).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.ToState).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Visibility).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.HasIndex(e => new { e.ReportId, e.Id });
    }
}
