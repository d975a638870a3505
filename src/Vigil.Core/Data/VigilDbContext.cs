using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Accounts;
using Vigil.Core.Advisories;
using Vigil.Core.Clock;
using Vigil.Core.ExtensionVotes;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Notifications;

namespace Vigil.Core.Data;

public sealed class VigilDbContext(DbContextOptions<VigilDbContext> options)
    : IdentityDbContext<VigilUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data-protection key ring (cookies, form tokens), sealed by the master key:
    /// <see cref="Security.SealedKeyRing"/>.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AdvisoryEntity> Advisories => Set<AdvisoryEntity>();
    public DbSet<AdvisoryAliasEntity> AdvisoryAliases => Set<AdvisoryAliasEntity>();
    public DbSet<AffectedPackageEntity> AffectedPackages => Set<AffectedPackageEntity>();
    public DbSet<AdvisoryCweEntity> AdvisoryCwes => Set<AdvisoryCweEntity>();
    public DbSet<Publication.AdvisoryRevisionEntity> AdvisoryRevisions => Set<Publication.AdvisoryRevisionEntity>();
    public DbSet<ApiTokenEntity> ApiTokens => Set<ApiTokenEntity>();
    public DbSet<AccountKeyEntity> AccountKeys => Set<AccountKeyEntity>();
    public DbSet<ProgramEntity> Programs => Set<ProgramEntity>();
    public DbSet<ProgramMemberEntity> ProgramMembers => Set<ProgramMemberEntity>();
    public DbSet<PackageMaintainerEntity> PackageMaintainers => Set<PackageMaintainerEntity>();
    public DbSet<ReportEntity> Reports => Set<ReportEntity>();
    public DbSet<ReportPackageEntity> ReportPackages => Set<ReportPackageEntity>();
    public DbSet<ReportParticipantEntity> ReportParticipants => Set<ReportParticipantEntity>();
    public DbSet<ReportEventEntity> ReportEvents => Set<ReportEventEntity>();
    public DbSet<Attachments.ReportAttachmentEntity> ReportAttachments => Set<Attachments.ReportAttachmentEntity>();
    public DbSet<DeadlineActionEntity> DeadlineActions => Set<DeadlineActionEntity>();
    public DbSet<ExtensionVoteEntity> ExtensionVotes => Set<ExtensionVoteEntity>();
    public DbSet<ExtensionBallotEntity> ExtensionBallots => Set<ExtensionBallotEntity>();

    /// <summary>
    /// A report's timeline is append-only: an event is never changed or removed. A save that lost a race for a report
    /// (<see cref="ReportRaces"/>) is a conflict naming the report's state now.
    /// </summary>
    public override async Task<int> SaveChangesAsync(
        bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TimelineGuard.Check(ChangeTracker);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException e) when (ReportRaces.ReportId(e) is { } id)
        {
            throw await ReportRaces.ConflictAsync(this, id, e, cancellationToken);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TimelineGuard.Check(ChangeTracker);
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateConcurrencyException e) when (ReportRaces.ReportId(e) is { } id)
        {
            throw ReportRaces.ConflictAsync(this, id, e, CancellationToken.None).GetAwaiter().GetResult();
        }
    }
    public DbSet<OutboxMessageEntity> OutboxMessages => Set<OutboxMessageEntity>();
    public DbSet<ProgramIntakeAddressEntity> ProgramIntakeAddresses => Set<ProgramIntakeAddressEntity>();
    public DbSet<ProgramOpenPgpKeyEntity> ProgramOpenPgpKeys => Set<ProgramOpenPgpKeyEntity>();
    public DbSet<Mail.ReplyAddressEntity> ReplyAddresses => Set<Mail.ReplyAddressEntity>();
    public DbSet<Mail.ReceivedMessageEntity> ReceivedMessages => Set<Mail.ReceivedMessageEntity>();
    public DbSet<Mail.MailRateCountEntity> MailRateCounts => Set<Mail.MailRateCountEntity>();
    public DbSet<WebhookEndpointEntity> WebhookEndpoints => Set<WebhookEndpointEntity>();
    public DbSet<SavedReplies.SavedReplyEntity> SavedReplies => Set<SavedReplies.SavedReplyEntity>();
    public DbSet<Profiles.CreditedAdvisoryEntity> CreditedAdvisories => Set<Profiles.CreditedAdvisoryEntity>();
    public DbSet<ReportDisputeEntity> ReportDisputes => Set<ReportDisputeEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        IdentityTables.Rename(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VigilDbContext).Assembly);
        AffectedPackageConfiguration.AddNameIndex(modelBuilder.Entity<AffectedPackageEntity>(), Database.IsSqlite());
        AdvisoryConfiguration.AddSearchVector(modelBuilder.Entity<AdvisoryEntity>(), Database.IsSqlite());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date type: store instants as UTC ticks so they sort and compare in SQL.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }
}
