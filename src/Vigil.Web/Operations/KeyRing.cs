using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Vigil.Core.Data;
using Vigil.Core.Reports;
using Vigil.Core.Security;

namespace Vigil.Web.Operations;

/// <summary>
/// ASP.NET Core's data-protection keys (session cookies, form tokens, OSV page tokens) live with the data: in
/// the database, sealed by the master key (<see cref="SealedKeyRing"/>). A restarted container keeps every
/// session and form, and instances behind one load balancer on one database accept each other's cookies. The
/// application name is fixed, so instances installed in different folders share the ring too.
/// </summary>
internal static class KeyRing
{
    public const string ApplicationName = "Vigil";

    public static void AddKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<VigilDbContext>();
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, provider) =>
            options.XmlEncryptor = new SealedKeyRing(provider.GetRequiredService<ReportVault>()));
    }
}
