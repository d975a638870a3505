using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Programs;

namespace Vigil.Core.SavedReplies;

/// <summary>
/// A program team's saved reply (docs/disclosure.md, "Saved replies"): a titled Markdown text the team posts on
/// reports again and again. <see cref="TitleKey"/> is the title in upper case, so that titles are unique per program
/// whatever their case on both databases.
/// </summary>
public sealed class SavedReplyEntity
{
    public long Id { get; set; }
    public long ProgramId { get; set; }
    public required string Title { get; set; }
    public required string TitleKey { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The account that wrote it; null when Vigil itself (the CLI) did.</summary>
    public Guid? CreatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

internal sealed class SavedReplyConfiguration : IEntityTypeConfiguration<SavedReplyEntity>
{
    public void Configure(EntityTypeBuilder<SavedReplyEntity> builder)
    {
        builder.ToTable("saved_replies");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(SavedReplyRules.MaxTitleLength);
        builder.Property(r => r.TitleKey).HasMaxLength(SavedReplyRules.MaxTitleLength);
        builder.Property(r => r.Body).HasMaxLength(SavedReplyRules.MaxBodyLength);
        builder.HasIndex(r => new { r.ProgramId, r.TitleKey }).IsUnique();
        builder.HasOne<ProgramEntity>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}
