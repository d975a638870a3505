using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Operations;

/// <summary>
/// Many people on one report at the same moment, through the real HTTP API, on both databases. Writes that do not
/// conflict (comments, internal notes, attachments) are all saved; of racing moves exactly one wins and every other
/// caller gets 409 naming the state the report is in now, so it can reload and decide again.
/// </summary>
public sealed class ReportRaceTests
{
    private const int Triagers = 8;

    private static CancellationToken Ct => WebTest.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Appends_EightParticipantsAtOnce_EverySaved(DatabaseProvider provider)
    {
        await using var world = await RaceWorld.StartAsync(provider);
        var (id, reporter) = await world.SubmitAsync();
        await world.SendAsync(world.Triager(0), HttpMethod.Post, $"/api/reports/{id}/accept");
        await world.SendAsync(world.Triager(0), HttpMethod.Post, $"/api/reports/{id}/maintainers",
            $$"""{"userId":"{{world.MaintainerId}}"}""");
        // The reporter, the maintainer and six of the team: eight participants.
        var participants = new[] { reporter, world.Maintainer }.Concat(Enumerable.Range(0, 6).Select(world.Triager))
            .ToArray();

        var writes = new List<Func<Task<int>>>();
        for (var p = 0; p < participants.Length; p++)
        {
            var (bearer, who) = (participants[p], p);
            for (var n = 0; n < 3; n++)
            {
                var text = $"comment {n} from participant {who}";
                writes.Add(
                    () =>
                        world.StatusAsync(bearer, HttpMethod.Post, $"/api/reports/{id}/comments",
                            new JsonObject { ["text"] = text }.ToJsonString()));
            }
            writes.Add(() => world.UploadAsync(bearer, id, $"log-{who}.txt", $"log of participant {who}\n"));
            if (who >= 2)
            {
                writes.Add(() => world.StatusAsync(bearer, HttpMethod.Post, $"/api/reports/{id}/comments",
                    new JsonObject { ["text"] = $"note from participant {who}", ["internal"] = true }.ToJsonString()));
            }
        }
        var statuses = await RaceAsync(writes);

        Assert.All(statuses, status => Assert.Equal(201, status));
        var view = (await world.SendAsync(world.Triager(7), HttpMethod.Get, $"/api/reports/{id}"))!;
        var texts = view["timeline"]!.AsArray().Select(e => (string?)e!["text"]).OfType<string>().ToHashSet();
        for (var p = 0; p < participants.Length; p++)
        {
            Assert.All(Enumerable.Range(0, 3), n => Assert.Contains($"comment {n} from participant {p}", texts));
            Assert.True(p < 2 || texts.Contains($"note from participant {p}"), $"note {p}");
        }
        await using var db = world.Test.OpenDatabase();
        Assert.Equal(8 * 3,
            await db.ReportEvents.CountAsync(e => e.ReportId == id && e.Kind == ReportEventKind.Comment, Ct));
        Assert.Equal(6,
            await db.ReportEvents.CountAsync(e => e.ReportId == id && e.Kind == ReportEventKind.InternalNote, Ct));
        Assert.Equal(8, await db.ReportAttachments.CountAsync(a => a.ReportId == id, Ct));
        Assert.Equal("maintainers-notified", (string?)view["state"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accept_EightTriagersAtOnce_OneWinsTheOthers409NamingTheState(DatabaseProvider provider)
    {
        await using var world = await RaceWorld.StartAsync(provider);
        var (id, _) = await world.SubmitAsync();

        var answers = await RaceAsync(Enumerable.Range(0, Triagers)
            .Select(
                t =>
                    (Func<Task<(int, JsonNode?)>>)(() =>
                        world.RawAsync(world.Triager(t), HttpMethod.Post, $"/api/reports/{id}/accept"))));

        Assert.Single(answers, a => a.Item1 == 204);
        Assert.All(answers.Where(a => a.Item1 != 204), a =>
        {
            Assert.Equal(409, a.Item1);
            Assert.Equal("accepted", (string?)a.Item2!["currentState"]);
            Assert.Contains("accepted", (string?)a.Item2["detail"]);
        });
        await using var db = world.Test.OpenDatabase();
        Assert.Equal(1,
            await db.ReportEvents.CountAsync(e => e.ReportId == id && e.ToState == ReportState.Accepted, Ct));
        Assert.Equal(1,
            await db.ReportEvents.CountAsync(e => e.ReportId == id && e.Kind == ReportEventKind.Assigned, Ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Decisions_AcceptRejectAndQuestionAtOnce_OneWinsTheOthers409NamingIt(DatabaseProvider provider)
    {
        await using var world = await RaceWorld.StartAsync(provider);
        var (id, _) = await world.SubmitAsync();
        var decisions = new (string Path, string? Body)[]
        {
            ("accept", null), ("reject", """{"reason":"informative"}"""),
            ("needs-information", """{"question":"Which version?"}"""),
        };

        var answers = await RaceAsync(decisions.Select((d, t) =>
            (Func<Task<(int, JsonNode?)>>)(() =>
                world.RawAsync(world.Triager(t), HttpMethod.Post, $"/api/reports/{id}/{d.Path}", d.Body)))
            .Append(
                () =>
                    world.RawAsync(world.Triager(3), HttpMethod.Post, $"/api/reports/{id}/comments",
                        """{"text":"Meanwhile, a thought."}""")));

        Assert.Equal(201, answers[^1].Item1);
        var decided = answers[..^1];
        Assert.Single(decided, a => a.Item1 == 204);
        await using var db = world.Test.OpenDatabase();
        var state = (await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id, Ct)).State.Name();
        Assert.All(decided.Where(a => a.Item1 != 204), a =>
        {
            Assert.Equal(409, a.Item1);
            Assert.Equal(state, (string?)a.Item2!["currentState"]);
        });
    }

    private static async Task<T[]> RaceAsync<T>(IEnumerable<Func<Task<T>>> writes)
    {
        // Every request waits at the gate, so they reach the server together rather than in the order they were made.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = writes.Select(async write =>
        {
            await gate.Task;
            return await write();
        }).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    /// <summary>The program <c>npm-eco</c> with eight two-factor triagers and a maintainer account, each with an API
    /// token.</summary>
    private sealed class RaceWorld : IAsyncDisposable
    {
        private readonly List<string> _triagers = [];

        private RaceWorld(WebTest test) => Test = test;

        public WebTest Test { get; }

        public string Maintainer { get; private set; } = "";

        public Guid MaintainerId { get; private set; }

        public string Triager(int index) => _triagers[index];

        public static async Task<RaceWorld> StartAsync(DatabaseProvider provider)
        {
            var world = new RaceWorld(await WebTest.StartAsync(provider, seed: false));
            using var scope = world.Test.Factory.Services.CreateScope();
            var services = scope.ServiceProvider;
            await services.GetRequiredService<CreateProgram>()
                .ExecuteAsync("npm-eco", "npm ecosystem", "NPMSEC", new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
            for (var i = 0; i <= Triagers; i++)
            {
                var team = i < Triagers;
                var email = team ? $"tri{i}@example.test" : "maintainer@example.test";
                var user = new VigilUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    TwoFactorEnabled = team
                };
                Assert.True(
                    (await services.GetRequiredService<UserManager<VigilUser>>()
                        .CreateAsync(user, "a long enough password")).Succeeded);
                var token = (await services.GetRequiredService<ApiTokens>()
                    .CreateAsync(user.Id, "race", [ApiScopes.ReportsRead, ApiScopes.ReportsWrite], null, Ct)).Secret;
                if (team)
                {
                    await services.GetRequiredService<AddProgramMember>()
                        .ExecuteAsync("npm-eco", user.Id, ProgramRole.Triager, Ct);
                    world._triagers.Add(token);
                }
                else
                {
                    (world.Maintainer, world.MaintainerId) = (token, user.Id);
                }
            }
            return world;
        }

        /// <summary>An anonymous report about npm/deep-merge; its id and the reporter's follow-up token.</summary>
        public async Task<(long Id, string Reporter)> SubmitAsync()
        {
            var body = (await SendAsync(null, HttpMethod.Post, "/api/programs/npm-eco/reports", """
                {"packages":[{"ecosystem":"npm","name":"deep-merge","affectedVersions":"<=1.4.1"}],"title":"Prototype pollution","description":"Merging pollutes Object.prototype."}
                """))!;
            return (body["id"]!.GetValue<long>(), body["followUpToken"]!.GetValue<string>());
        }

        /// <summary>A call that must succeed; its JSON answer.</summary>
        public async Task<JsonNode?> SendAsync(string? bearer, HttpMethod method, string path, string? json = null)
        {
            var (status, body) = await RawAsync(bearer, method, path, json);
            Assert.True(status is >= 200 and < 300, $"{method} {path}: {status} {body?.ToJsonString()}");
            return body;
        }

        public async Task<int> StatusAsync(string bearer, HttpMethod method, string path, string json) =>
            (await RawAsync(bearer, method, path, json)).Status;

        public async Task<(int Status, JsonNode? Body)> RawAsync(string? bearer, HttpMethod method, string path,
            string? json = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (json is not null)
            {
                request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            }
            return await SendRequestAsync(bearer, request);
        }

        public async Task<int> UploadAsync(string bearer, long id, string name, string text)
        {
            using var form = new MultipartFormDataContent();
            form.Add(
                new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text))
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("text/plain") }
                },
                "file", name);
            using var request = new HttpRequestMessage(HttpMethod.Post,
                $"/api/reports/{id}/attachments")
            { Content = form };
            return (await SendRequestAsync(bearer, request)).Status;
        }

        private async Task<(int Status, JsonNode? Body)> SendRequestAsync(string? bearer, HttpRequestMessage request)
        {
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
            using var response = await Test.Client.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            return ((int)response.StatusCode, text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null);
        }

        public ValueTask DisposeAsync() => Test.DisposeAsync();
    }
}
