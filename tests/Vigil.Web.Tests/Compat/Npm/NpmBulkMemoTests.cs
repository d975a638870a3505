using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Data;
using Vigil.Core.Matching;
using Vigil.Web.Compat;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// The bulk answer's per-package parts are kept per index snapshot (AnswerMemo). Whatever was asked before,
/// every answer must be the bytes a server without any cache gives.
/// </summary>
public class NpmBulkMemoTests
{
    private const string Bulk = "/-/npm/v1/security/advisories/bulk";

    private static readonly string[] Requests =
    [
        """{"minimist":["1.2.8","0.0.8"],"mkdirp":["0.5.1"]}""",
        """{"minimist":["1.2.8","0.0.8"],"mkdirp":["0.5.1"]}""",
        // The same packages in another order, with fewer or reordered versions.
        """{"mkdirp":["0.5.1"],"minimist":["0.0.8"]}""",
        """{"minimist":["0.0.8","1.2.8"]}""",
        // The same package at a version nothing affects, then with the earlier one again.
        """{"minimist":["1.2.8"]}""",
        """{"left-pad":["1.0.0"],"minimist":["1.2.8","0.0.8"],"nothing-here":["1.0.0"]}""",
        // A name that looks like a key separator must not meet another package's part.
        """{"minimist\n1.2.8":["0.0.8"],"minimist":["1.2.8\n0.0.8"]}""",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bulk_RepeatedAndOverlappingRequests_SameBytesAsWithoutAnyCache(DatabaseProvider provider)
    {
        var seed = Advisories.Examples().Append(Advisories.Made("VIGIL-NOSEV-1", "npm", "left-pad", "0", "1.3.0"))
            .ToList();
        await using var cached = await ConfiguredApp.StartAsync(seed: seed, provider: provider);
        await using var uncached = await ConfiguredApp.StartAsync(
            new Dictionary<string, string> { ["Vigil:MatchCacheEntries"] = "0" }, seed, provider);

        foreach (var request in Requests)
        {
            var expected = await PostAsync(uncached, request);
            var actual = await PostAsync(cached, request);
            Assert.Equal(expected, actual);
        }

        Assert.Contains("GHSA-vh95-rmgr-6w4m", await PostAsync(cached, Requests[0]), StringComparison.Ordinal);
        Assert.True(AnswerMemo.Of(await Snapshot(cached)).Count > 0, "the memo was not used");
        Assert.Equal(0, AnswerMemo.Of(await Snapshot(uncached)).Count);
    }

    private static async Task<string> PostAsync(ConfiguredApp app, string json)
    {
        using var content = new StringContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await app.Client.PostAsync(Bulk, content, ConfiguredApp.Ct);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync(ConfiguredApp.Ct);
    }

    private static async Task<AffectedSnapshot> Snapshot(ConfiguredApp app) =>
        await app.Services.GetRequiredService<AffectedIndex>().CurrentAsync(ConfiguredApp.Ct);
}
