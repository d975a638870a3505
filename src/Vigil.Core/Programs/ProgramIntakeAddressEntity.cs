using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Core.Programs;

/// <summary>
/// An address a program takes reports at by e-mail (e.g. <c>security@example.org</c>): mail to it becomes a new
/// report (docs/email.md). Stored in lower case; one address belongs to one program on the instance. It is a
/// public contact, shown on the program page.
/// </summary>
public sealed class ProgramIntakeAddressEntity
{
    public long Id { get; set; }
    public long ProgramId { get; set; }
    public required string Address { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class ProgramIntakeAddressConfiguration : IEntityTypeConfiguration<ProgramIntakeAddressEntity>
{
    public void Configure(EntityTypeBuilder<ProgramIntakeAddressEntity> builder)
    {
        builder.ToTable("program_intake_addresses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Address).HasMaxLength(320);
        builder.HasIndex(a => a.Address).IsUnique();
        builder.HasIndex(a => a.ProgramId);
        builder.HasOne<ProgramEntity>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}
