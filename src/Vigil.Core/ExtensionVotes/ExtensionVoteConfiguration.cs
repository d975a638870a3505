using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Reports;

namespace Vigil.Core.ExtensionVotes;

internal sealed class ExtensionVoteConfiguration : IEntityTypeConfiguration<ExtensionVoteEntity>
{
    public void Configure(EntityTypeBuilder<ExtensionVoteEntity> builder)
    {
        builder.ToTable("extension_votes");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ReportEntity>().WithMany().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.ReportId, v.Outcome });
        // At most one open vote per report, even when two requests open one at the same instant.
        builder.HasIndex(v => v.ReportId).IsUnique().HasFilter("\"Outcome\" = 'Open'")
            .HasDatabaseName("IX_extension_votes_one_open");
        builder.HasIndex(v => v.ClosesAt);
    }
}

internal sealed class ExtensionBallotConfiguration : IEntityTypeConfiguration<ExtensionBallotEntity>
{
    public void Configure(EntityTypeBuilder<ExtensionBallotEntity> builder)
    {
        builder.ToTable("extension_ballots");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Capacity).HasMaxLength(20);
        builder.HasOne<ExtensionVoteEntity>().WithMany().HasForeignKey(b => b.VoteId).OnDelete(DeleteBehavior.Cascade);
        // One ballot per voter per vote (the anonymous reporter is Guid.Empty, so this holds for them too).
        builder.HasIndex(b => new { b.VoteId, b.Voter }).IsUnique();
    }
}
