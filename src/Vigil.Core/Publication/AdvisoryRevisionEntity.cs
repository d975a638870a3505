using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Core.Publication;

/// <summary>
/// One correction of a published advisory: what changed, why (both public: they are shown with the
/// advisory), who decided it, and the document as it was before, so every earlier revision can be read back.
/// Revision 1 is the first publication; the first correction is revision 2.
/// </summary>
public sealed class AdvisoryRevisionEntity
{
    public long Id { get; set; }
    public long AdvisoryNumber { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorUserId { get; set; }
    public required string Reason { get; set; }
    public required string Changes { get; set; }
    public required string PreviousDocument { get; set; }
}

internal sealed class AdvisoryRevisionConfiguration : IEntityTypeConfiguration<AdvisoryRevisionEntity>
{
    public void Configure(EntityTypeBuilder<AdvisoryRevisionEntity> builder)
    {
        builder.ToTable("advisory_revisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reason).HasMaxLength(CorrectAdvisory.MaxReason);
        builder.Property(r => r.Changes).HasMaxLength(4000);
        builder.HasIndex(r => new { r.AdvisoryNumber, r.Revision }).IsUnique();
        builder.HasOne<Advisories.AdvisoryEntity>()
            .WithMany()
            .HasForeignKey(r => r.AdvisoryNumber)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
