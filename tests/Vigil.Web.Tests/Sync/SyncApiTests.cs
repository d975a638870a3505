using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Sync;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Sync;

/// <summary>GET /api/sync: an instance administrator's admin-scope token sees every source; anyone else gets
/// 404.</summary>
public class SyncApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Status_AdminSeesRunsOthersGet404(DatabaseProvider provider)
    {
        await using var world = await ReportWorld.StartAsync(provider);
        var (admin, member) = await world.RunAsync(async s =>
        {
            var db = s.GetRequiredService<VigilDbContext>();
            db.Add(new SyncStateEntity
            {
                Source = "upstream",
                Ecosystem = "npm",
                BaseUrl = "http://127.0.0.1:9/osv",
                Added = 12,
                Updated = 3,
                LastRunAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
                Error = "npm/all.zip: the server answered 503",
            });
            await db.SaveChangesAsync(WebTest.Ct);
            return (await TokenAsync(s, "chief@example.test", instanceAdmin: true),
                await TokenAsync(s, "someone@example.test", instanceAdmin: false));
        });
        using var client = world.Test.Factory.CreateClient();

        var (adminStatus, adminBody) = await GetAsync(client, admin);
        var (memberStatus, _) = await GetAsync(client, member);
        var (anonymousStatus, _) = await GetAsync(client, null);

        Assert.Equal(HttpStatusCode.OK, adminStatus);
        var row = Assert.Single(JsonNode.Parse(adminBody)!.AsArray())!;
        Assert.Equal(("upstream", "npm", 12), ((string?)row["source"], (string?)row["ecosystem"], (int?)row["added"]));
        Assert.Equal("npm/all.zip: the server answered 503", (string?)row["error"]);
        Assert.Equal(HttpStatusCode.NotFound, memberStatus);
        Assert.Equal(HttpStatusCode.NotFound, anonymousStatus);
    }

    private static async Task<string> TokenAsync(IServiceProvider services, string email, bool instanceAdmin)
    {
        var users = services.GetRequiredService<UserManager<VigilUser>>();
        var user = new VigilUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            TwoFactorEnabled = true,
            IsInstanceAdmin = instanceAdmin
        };
        Assert.True((await users.CreateAsync(user, "a long enough password")).Succeeded);
        return (await new ApiTokens(services.GetRequiredService<VigilDbContext>(), TimeProvider.System).CreateAsync(
            user.Id, "sync", [ApiScopes.Admin], null, WebTest.Ct)).Secret;
    }

    private static async Task<(HttpStatusCode, string)> GetAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sync");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request, WebTest.Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(WebTest.Ct));
    }
}
