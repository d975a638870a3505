using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;

namespace Vigil.Web.Tests.Infrastructure;

/// <summary>The real app (Program) in memory, on the given database.</summary>
public sealed class VigilFactory(DatabaseTarget target, bool migrateOnStart = true) : WebApplicationFactory<Program>
{
    /// <summary>The report master key of every test app (PostgreSQL has no default key file).</summary>
    public static readonly string MasterKey =
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>PBKDF2 rounds of the test apps' password hashes (the stored hash records its count).</summary>
    public const int TestHashIterations = 1_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Vigil:MigrateOnStart", migrateOnStart ? "true" : "false");
        // Tests write advisories and query at once: the matching index re-checks the database on every request.
        builder.UseSetting("Vigil:IndexRefreshSeconds", "0");
        builder.UseSetting("Vigil:Reports:MasterKey", MasterKey);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(target);
            // The same PBKDF2 hasher and hash format as a server, with fewer rounds than its 100,000: hashing the
            // passwords of the accounts the tests register and sign in cost the Web tests a tenth of their CPU.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = TestHashIterations);
        });
    }
}
