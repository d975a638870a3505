using System.Data;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Attachments;
using Vigil.Core.Clock;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Bench.Crash;

/// <summary>What the restarted server answers through its API.</summary>
internal sealed partial class Verifier
{
    /// <summary>
    /// The restarted server answers for what the database holds: every advisory that appeared since the last check
    /// (and a sample of older ones) is served by <c>/v1/vulns</c> and matched by <c>/v1/query</c> on its package; the
    /// reports written to in this cycle show every acknowledged comment and attachment to the team, and an attachment
    /// downloads with the bytes that were sent.
    /// </summary>
    private async Task CheckThroughApiAsync(
        IReadOnlyList<Ack> journal, int cycle, string url, Dictionary<long, Report> reports,
        List<AdvisoryEntity> advisories, Random random, Dictionary<Ack, string> lost, List<string> violations)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(300) };
        var fresh = advisories.Where(a => !_checkedThroughApi.Contains(a.Id)).ToList();
        var older = advisories.Where(a => _checkedThroughApi.Contains(a.Id)).OrderBy(_ => random.Next()).Take(10);
        foreach (var advisory in fresh.Concat(older))
        {
            using var vulns = await http.GetAsync($"/v1/vulns/{Uri.EscapeDataString(advisory.Id)}");
            if (!vulns.IsSuccessStatusCode)
            {
                violations.Add($"advisory {advisory.Id} is stored but GET /v1/vulns answers {(int)vulns.StatusCode}");
                continue;
            }
            var package = JsonNode.Parse(advisory.Document)!["affected"]![0]!["package"]!["name"]!.GetValue<string>();
            var query = new JsonObject
            {
                ["package"] = new JsonObject { ["ecosystem"] = "npm", ["name"] = package },
                ["version"] = "0.0.1",
            };
            if (!await MatchedAsync(http, query, advisory.Id))
            {
                violations.Add($"advisory {advisory.Id} is stored,"
                    + $" /v1/query on npm/{package}@0.0.1 does not return it");
            }
            _checkedThroughApi.Add(advisory.Id);
        }

        var triager = instance.Triagers[0];
        var touched = journal.Where(a => a.Cycle == cycle && a.ReportId is not null)
            .Select(a => a.ReportId!.Value).Distinct().Take(8);
        foreach (var id in touched)
        {
            if (!reports.ContainsKey(id))
            {
                continue; // counted as lost above
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{id}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", triager);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                violations.Add($"report #{id} is stored but GET /api/reports/{id} answers {(int)response.StatusCode}");
                continue;
            }
            var view = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var texts = view["timeline"]!.AsArray().Select(e => (string?)e!["text"]).OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            var files = view["attachments"]!.AsArray()
                .ToDictionary(a => (string)a!["fileName"]!, a => (long)a!["id"]!, StringComparer.Ordinal);
            foreach (var ack in journal.Where(a => a.ReportId == id))
            {
                if (ack.Kind is WriteKind.Comment or WriteKind.Note && !texts.Contains(ack.Text!))
                {
                    lost.TryAdd(ack, $"cycle {ack.Cycle}: {ack.Kind} on report #{id} is not in GET /api/reports/{id}");
                }
                if (ack.Kind is WriteKind.Attachment or WriteKind.Report)
                {
                    var name = ack.Kind == WriteKind.Report ? ack.FileName! : ack.Marker;
                    if (!files.TryGetValue(name, out var attachmentId))
                    {
                        lost.TryAdd(ack, $"cycle {ack.Cycle}: attachment {name} is not in GET /api/reports/{id}");
                    }
                    else if (ack.Cycle == cycle && await DownloadAsync(http, triager, id, attachmentId) != ack.Sha256)
                    {
                        violations.Add($"attachment {name} of report #{id} downloads with other bytes than were sent");
                    }
                }
            }
        }
    }

    private readonly HashSet<string> _checkedThroughApi = new(StringComparer.Ordinal);

    private static async Task<bool> MatchedAsync(HttpClient http, JsonObject query, string id)
    {
        // The matching index refreshes every second (Vigil:IndexRefreshSeconds=1): a fresh server has built it on
        // its first query; allow a few refreshes before calling a miss.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var body = new StringContent(query.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/v1/query", body);
            var answer = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && answer.Contains($"\"{id}\"", StringComparison.Ordinal))
            {
                return true;
            }
            await Task.Delay(500);
        }
        return false;
    }

    private static async Task<string> DownloadAsync(HttpClient http, string bearer, long report, long attachment)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{report}/attachments/{attachment}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode
            ? Convert.ToHexString(SHA256.HashData(await response.Content.ReadAsByteArrayAsync()))
            : $"HTTP {(int)response.StatusCode}";
    }
}
