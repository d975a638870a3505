using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vigil.Core.Accounts;
using Vigil.Core.Advisories;
using Vigil.Core.Attachments;
using Vigil.Core.Bounties;
using Vigil.Core.Clock;
using Vigil.Core.Community;
using Vigil.Core.Cve;
using Vigil.Core.Data;
using Vigil.Core.Exports;
using Vigil.Core.Exports.Osv;
using Vigil.Core.ExtensionVotes;
using Vigil.Core.Hacktivity;
using Vigil.Core.Imports;
using Vigil.Core.Instance;
using Vigil.Core.Matching;
using Vigil.Core.Notifications;
using Vigil.Core.Npm;
using Vigil.Core.Nswg;
using Vigil.Core.NuGet;
using Vigil.Core.Packages;
using Vigil.Core.Profiles;
using Vigil.Core.Programs;
using Vigil.Core.Publication;
using Vigil.Core.Reports;
using Vigil.Core.Reputation;
using Vigil.Core.Sync;

namespace Vigil.Core;

/// <summary>
/// The one composition root of what the product does: every use case, the report vault, the outbox and the clock.
/// The web host and the command line both call <see cref="AddVigilCore"/>; each then adds what only it has: the
/// database (<see cref="DatabaseTarget"/> and <see cref="VigilDbContext"/>), Identity's stores, and the
/// <see cref="IReportNotifier"/> (the server queues e-mails and webhooks; a host that sends nothing uses
/// <see cref="SilentReportNotifier"/>). No use case creates another: each asks for the ones it runs, and no
/// dependency is optional (where nothing is done, a do-nothing implementation is registered).
/// </summary>
public static class CoreServices
{
    public static IServiceCollection AddVigilCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ImportOptions.Default);
        services.TryAddSingleton(SyncOptions.Default);
        services.AddOptions<ReportVaultOptions>().BindConfiguration(ReportVaultOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReportVaultOptions>>().Value.CreateVault(
            sp.GetRequiredService<DatabaseTarget>()));
        services.AddOptions<AttachmentOptions>()
            .BindConfiguration(AttachmentOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<CveOptions>().BindConfiguration(CveOptions.Section);
        services.AddVigilNotifications();
        AddAdvisories(services);
        AddPrograms(services);
        AddReports(services);
        AddCommunity(services);
        AddAccounts(services);
        AddMail(services);
        AddSync(services);
        services.AddScoped<FirstSteps>();
        return services;
    }

    private static void AddAdvisories(IServiceCollection services)
    {
        services.AddScoped<GetAdvisory>();
        services.AddScoped<GetAdvisoryDocuments>();
        services.AddScoped<UpsertAdvisories>();
        services.AddScoped<SearchAdvisories>();
        services.AddScoped<ListEcosystems>();
        services.AddScoped<ListCwes>();
        services.AddScoped<ListRecentAdvisories>();
        services.AddScoped<GetPackageAdvisories>();
        services.AddScoped<QueryAffecting>();
        services.AddScoped<NpmBulkAdvisories>();
        services.AddScoped<NpmAuditReport>();
        services.AddScoped<NuGetVulnerabilities>();
        services.AddScoped<NodejsCoreList>();
        services.AddScoped<ListAdvisories>();
        services.AddScoped<ImportAdvisories>();
        services.AddScoped<ImportUrl>();
        services.AddScoped<ExportAdvisories>();
        services.AddScoped<StreamOsvBulkZip>();
        services.AddScoped<StreamOsvOfflineZip>();
        services.AddScoped<PublishAdvisory>();
        services.AddScoped<CorrectAdvisory>();
        services.AddScoped<ListAdvisoryRevisions>();
    }

    private static void AddPrograms(IServiceCollection services)
    {
        services.AddScoped<CreateProgram>();
        services.AddScoped<UpdateProgramPolicy>();
        services.AddScoped<ListPrograms>();
        services.AddScoped<ListPublicPrograms>();
        services.AddScoped<GetProgramAdmin>();
        services.AddScoped<AddProgramMember>();
        services.AddScoped<RemoveProgramMember>();
        services.AddScoped<AddPackageMaintainer>();
        services.AddScoped<RemovePackageMaintainer>();
        services.AddScoped<AddWebhookEndpoint>();
        services.AddScoped<RemoveWebhookEndpoint>();
        services.AddScoped<GetProgramWorkload>();
        services.AddScoped<SavedReplies.ListSavedReplies>();
        services.AddScoped<SavedReplies.CreateSavedReply>();
        services.AddScoped<SavedReplies.UpdateSavedReply>();
        services.AddScoped<SavedReplies.DeleteSavedReply>();
        services.AddScoped<SavedReplies.ReportSavedReplies>();
    }

    private static void AddReports(IServiceCollection services)
    {
        services.AddScoped<ReportIntakeGate>();
        services.AddScoped<SubmitReport>();
        services.AddScoped<GetReport>();
        services.AddScoped<AttachToReport>();
        services.AddScoped<GetAttachment>();
        services.AddScoped<ListTriageQueue>();
        services.AddScoped<ListMyReports>();
        services.AddScoped<CommentOnReport>();
        services.AddScoped<TriageReport>();
        services.AddScoped<MergeDuplicates>();
        services.AddScoped<TriageMany>();
        services.AddScoped<ReleaseFromReview>();
        services.AddScoped<InviteMaintainer>();
        services.AddScoped<AcceptInvitation>();
        services.AddScoped<ListParticipants>();
        services.AddScoped<RemoveParticipant>();
        services.AddScoped<RevokeInvitation>();
        services.AddScoped<ReportCredits>();
        services.AddScoped<AdvanceReport>();
        services.AddScoped<SetDisclosureDate>();
        services.AddScoped<RequestExtension>();
        services.AddScoped<CastExtensionVote>();
        services.AddScoped<CloseExtensionVotes>();
        services.AddScoped<PublishReport>();
        services.AddScoped<PreviewPublication>();
        services.AddScoped<WithdrawReport>();
        services.AddScoped<DisputeReport>();
        services.AddScoped<DecideDispute>();
        services.AddScoped<PublishVex>();
        services.AddScoped<Vex.ListVexDocuments>();
        services.AddScoped<RunDeadlines>();
        services.AddScoped<AssignCve>();
        services.AddScoped<ExportCveRecord>();
        services.AddScoped<GetBountyTable>();
        services.AddScoped<SetBountyTable>();
        services.AddScoped<AwardBounty>();
        services.AddScoped<BountyPayments>();
        services.AddScoped<GetReportBounty>();
        services.AddScoped<ListMyBounties>();
        services.AddScoped<ExportPayouts>();
        services.AddScoped<SealClearValues>();
        services.AddScoped<RotateMasterKey>();
    }

    private static void AddCommunity(IServiceCollection services)
    {
        services.AddScoped<IProgramBountySummary, BountyPolicySummary>();
        services.AddScoped<IBountyAwardedReports, BountyAwardedReports>();
        services.AddScoped<GetSecurityPolicy>();
        services.AddScoped<GetPackageBadges>();
        services.AddScoped<GetProgramMetrics>();
        services.AddScoped<ListHacktivity>();
        services.AddScoped<GetPublicTimeline>();
        services.AddScoped<GetLeaderboard>();
        services.AddScoped<ReporterReputation>();
        services.AddScoped<GetReporterProfile>();
        services.AddScoped<SetProfileHandle>();
    }

    private static void AddMail(IServiceCollection services)
    {
        services.AddOptions<Mail.InboundMailOptions>().BindConfiguration(Mail.InboundMailOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Mail.ImapMailOptions>().BindConfiguration(Mail.ImapMailOptions.Section)
            .ValidateDataAnnotations()
            .Validate<IOptions<Mail.InboundMailOptions>>(
                (imap, inbound) => !imap.Enabled || Mail.InboundMailOptions.IsDomain(inbound.Value.ReplyDomain),
                $"{Mail.InboundMailOptions.Section}:ReplyDomain must be a domain name (e.g. reply.example.org) when "
                + $"{Mail.ImapMailOptions.Section}:Enabled is true: the reply addresses are made with it.")
            .ValidateOnStart();
        services.AddOptions<Mail.MailKeyOptions>().BindConfiguration(Mail.MailKeyOptions.Section);
        services.AddSingleton<Mail.MailKey>();
        services.AddScoped<Mail.ReplyAddresses>();
        services.AddScoped<Mail.ReceivedMessages>();
        services.AddScoped<Mail.ReceiveMail>();
        services.AddScoped<Mail.InboundRateLimit>();
        services.AddSingleton<Mail.InboundMailListener>();
        services.AddSingleton<Mail.ImapMailPoller>();
        services.AddScoped<SetIntakeAddresses>();
        services.AddScoped<SetProgramOpenPgpKey>();
        services.AddScoped<GetProgramOpenPgpKey>();
        services.AddScoped<RemoveProgramOpenPgpKey>();
    }

    private static void AddAccounts(IServiceCollection services)
    {
        services.AddScoped<ApiTokens>();
        services.AddScoped<RegisterAccount>();
        services.AddScoped<ConfirmAccount>();
        services.AddScoped<RequestPasswordReset>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<GetAccountKey>();
        services.AddScoped<RegisterAccountKey>();
        services.AddScoped<RemoveAccountKey>();
    }

    private static void AddSync(IServiceCollection services)
    {
        services.AddScoped<RunSync>();
        services.AddScoped<RunScheduledSync>();
        services.AddScoped<GetSyncStatus>();
        services.AddScoped<GetSyncOverview>();
        services.AddScoped<ServeBucket>();
    }
}
