using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Programs;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// The disclosure API as a program's team drives it in the client journeys: a program with two-factor team
/// members holding API tokens, and JSON calls with a bearer token.
/// </summary>
internal static class TeamApi
{
    private static CancellationToken Ct => WebTest.Ct;

    /// <summary>Creates the npm program <c>npm-eco</c> (prefix NPMSEC) with one triager per scope given; returns their
    /// tokens in order.</summary>
    public static async Task<IReadOnlyList<string>> CreateProgramAsync(LoopbackVigil vigil, params string[] scopes)
    {
        using var scope = vigil.Services.CreateScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<CreateProgram>()
            .ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        var tokens = new List<string>();
        for (var i = 0; i < scopes.Length; i++)
        {
            var user = new VigilUser
            {
                UserName = $"tri{i}@example.test",
                Email = $"tri{i}@example.test",
                EmailConfirmed = true,
                TwoFactorEnabled = true
            };
            Assert.True(
                (await services.GetRequiredService<UserManager<VigilUser>>()
                    .CreateAsync(user, "a long enough password")).Succeeded);
            await services.GetRequiredService<AddProgramMember>()
                .ExecuteAsync("npm-eco", user.Id, ProgramRole.Triager, Ct);
            tokens.Add(
                (await services.GetRequiredService<ApiTokens>()
                    .CreateAsync(user.Id, "journey", [scopes[i]], null, Ct)).Secret);
        }
        return tokens;
    }

    public static async Task<(HttpStatusCode Status, string Body)> RawAsync(HttpClient http, HttpMethod method,
        string path, string? bearer, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>A call that must succeed; its JSON answer, or null for an empty one.</summary>
    public static async Task<JsonNode?> SendAsync(HttpClient http, HttpMethod method, string path, string? bearer,
        string? json = null)
    {
        var (status, text) = await RawAsync(http, method, path, bearer, json);
        Assert.True((int)status is >= 200 and < 300, $"{method} {path}: {(int)status} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
