using Microsoft.Extensions.Options;
using Vigil.Core;
using Vigil.Core.Data;
using Vigil.Core.Matching;
using Vigil.Core.Notifications;
using Vigil.Web.Accounts;
using Vigil.Web.Attachments;
using Vigil.Web.Bounties;
using Vigil.Web.Hacktivity;
using Vigil.Web.Community;
using Vigil.Web.Compat;
using Vigil.Web.Compat.Npm;
using Vigil.Web.Compat.Nswg;
using Vigil.Web.Compat.NuGet;
using Vigil.Web.Compat.Osv;
using Vigil.Web.Deadlines;
using Vigil.Web.Health;
using Vigil.Web.Instance;
using Vigil.Web.Pages;
using Vigil.Web.Profiles;
using Vigil.Web.SavedReplies;
using Vigil.Web.Programs;
using Vigil.Web.Publication;
using Vigil.Web.Reports;
using Vigil.Web.Operations;
using Vigil.Web.Sync;
using Vigil.Web.Vex;

namespace Vigil.Web;

/// <summary>
/// The web host: what `vigil serve` runs. Endpoints are listed here; each feature maps its own group.
/// </summary>
public static class VigilWebApp
{
    /// <param name="args">ASP.NET Core command-line arguments, e.g. <c>--urls http://127.0.0.1:8080</c>.</param>
    /// <param name="target">
    /// The database; null = configuration key <c>Vigil:Database</c> (default: the SQLite file).
    /// </param>
    /// <param name="configure">Last chance to change services or configuration before the app is built.</param>
    public static WebApplication Build(
        string[] args, DatabaseTarget? target = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(VigilWebApp).Assembly.GetName().Name,
        });
        AddServices(builder.Services, target);
        builder.AddVigilOperations();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.WarnWithoutMail();
        app.UseOperations();
        app.UseCrossSiteRequestRefusal();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTokenScopes();
        app.UseOutputCache(); // after authentication: signed-in requests are never served from it
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapOsvEndpoints();
        app.MapNpmAuditEndpoints();
        app.MapNpmRegistryEndpoints();
        app.MapNuGetEndpoints();
        app.MapNodejsCoreEndpoints();
        app.MapReportsEndpoints();
        app.MapDisputesEndpoints();
        app.MapVexEndpoints();
        app.MapAdvisoriesEndpoints();
        app.MapAttachmentsEndpoints();
        app.MapAccountsEndpoints();
        app.MapProgramsEndpoints();
        app.MapSavedRepliesEndpoints();
        app.MapCommunityEndpoints();
        app.MapProfilesEndpoints();
        app.MapAccountKeyEndpoints();
        app.MapBountiesEndpoints();
        app.MapHacktivityEndpoints();
        app.MapVigilPages();
        app.MapBucketEndpoints();
        app.MapSyncApiEndpoints();
        return app;
    }

    private static void AddServices(IServiceCollection services, DatabaseTarget? target)
    {
        services.AddOptions<ServerOptions>()
            .BindConfiguration(ServerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
            target ?? DatabaseTarget.Parse(sp.GetRequiredService<IOptions<ServerOptions>>().Value.Database));
        services.AddDbContext<VigilDbContext>((sp, options) =>
            VigilDatabase.Configure(options, sp.GetRequiredService<DatabaseTarget>()));
        // Hosted services start in this order: the schema first, so the master key check and the workers find it.
        services.AddHostedService<DatabaseMigrator>();
        services.AddVigilCore();
        services.AddVigilInstance();
        services.AddSingleton(sp => new AffectedIndex(
            sp.GetRequiredService<DatabaseTarget>(), sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ServerOptions>>().Value.IndexRefreshSeconds),
            sp.GetRequiredService<IOptions<ServerOptions>>().Value.MatchCacheEntries));
        services.AddVigilNpm();
        services.AddSingleton<BulkJsonCache>();
        services.AddScoped<BulkAnswer>();
        services.AddSingleton<DerivedDocumentCache>();
        services.AddVigilPages();
        services.AddVigilOsv();
        services.AddVigilReports();
        services.AddVigilDeadlines();
        services.AddVigilAccounts();
        services.AddHostedService<NotificationDispatcherService>();
        // The SMTP listener for intake and reply addresses; it does nothing unless Vigil:Mail:Inbound:Enabled.
        services.AddHostedService(sp => sp.GetRequiredService<Core.Mail.InboundMailListener>());
        // The IMAP mailbox poller, the listener's alternative; it does nothing unless Vigil:Mail:Imap:Enabled.
        services.AddHostedService(sp => sp.GetRequiredService<Core.Mail.ImapMailPoller>());
        services.AddVigilCommunity();
        services.AddVigilSync();
    }
}
