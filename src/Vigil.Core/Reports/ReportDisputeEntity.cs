using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Vex;

namespace Vigil.Core.Reports;

public enum DisputeState
{
    Pending = 1,
    Accepted = 2,
    Rejected = 3,
}

/// <summary>
/// An invited maintainer's answer that the report's package is not affected, with a justification from the VEX
/// vocabulary (docs/disclosure.md, "Disputes"). The impact statement is private until the team publishes the dispute as
/// an OpenVEX document: until then it is sealed with the report's key like every text people write on a report, and
/// <see cref="VexDocument"/> holds, once published, exactly what the public reads.
/// </summary>
public sealed class ReportDisputeEntity
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public Guid OpenedBy { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public VexJustification Justification { get; set; }

    /// <summary>The impact statement: the maintainer's, or the team's wording when it accepted.</summary>
    public required byte[] SealedImpactStatement { get; set; }

    /// <summary>
    /// The versions the dispute covers, per package name, as JSON (<c>{"deep-merge":["1.4.0"]}</c>); null: every
    /// reported version of every package of the report.
    /// </summary>
    public string? Versions { get; set; }

    public DisputeState State { get; set; } = DisputeState.Pending;
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>When the team published it as an OpenVEX document; null: never shown outside the report.</summary>
    public DateTimeOffset? VexPublishedAt { get; set; }

    /// <summary>The OpenVEX document as published (public text only).</summary>
    public string? VexDocument { get; set; }
}

internal sealed class ReportDisputeConfiguration : IEntityTypeConfiguration<ReportDisputeEntity>
{
    public void Configure(EntityTypeBuilder<ReportDisputeEntity> builder)
    {
        builder.ToTable("report_disputes");
        builder.HasKey(d => d.Id);
        builder.HasOne<ReportEntity>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Justification).HasConversion<string>().HasMaxLength(60);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Versions).HasMaxLength(ReportDisputes.MaxVersionsJson);
        builder.Property(d => d.VexDocument).HasMaxLength(200_000);
        builder.HasIndex(d => new { d.ReportId, d.Id });
        builder.HasIndex(d => d.VexPublishedAt);
    }
}
