using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Core;
using Vigil.Core.Data;
using Vigil.Core.Programs;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

/// <summary>
/// A program on a real database with a team, a fake clock starting Wednesday 25 November 2026 09:00 UTC,
/// and a vault with a random master key. Each use case runs on a fresh context, as requests do.
/// </summary>
public sealed class Disclosure : IAsyncDisposable
{
    public const string Slug = "npm-eco";
    public const string Marker = "PRIVATE-MARKER-7f3a9c";

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public Guid Triager { get; } = Guid.NewGuid();
    public Guid OtherTriager { get; } = Guid.NewGuid();
    public Guid Admin { get; } = Guid.NewGuid();
    public Guid MaintainingTriager { get; } = Guid.NewGuid();
    public Guid Maintainer { get; } = Guid.NewGuid();
    public Guid Stranger { get; } = Guid.NewGuid();

    public FakeTimeProvider Clock { get; } = new(Start);
    public ReportVault Vault { get; } = new(RandomNumberGenerator.GetBytes(32));
    public TestDatabase Database { get; }

    private Disclosure(TestDatabase database) => Database = database;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Disclosure> CreateAsync(DatabaseProvider provider)
    {
        var d = new Disclosure(await TestDatabase.CreateAsync(provider));
        await using var db = d.Open();
        await new CreateProgram(db, d.Clock).ExecuteAsync(Slug, "npm ecosystem", "NPMSEC",
            new ProgramSettings(ScopeEcosystems: ["npm"]), Ct);
        await new AddProgramMember(db, d.Clock).ExecuteAsync(Slug, d.Triager, ProgramRole.Triager, Ct);
        await new AddProgramMember(db, d.Clock).ExecuteAsync(Slug, d.OtherTriager, ProgramRole.Triager, Ct);
        await new AddProgramMember(db, d.Clock).ExecuteAsync(Slug, d.Admin, ProgramRole.Admin, Ct);
        await new AddProgramMember(db, d.Clock).ExecuteAsync(Slug, d.MaintainingTriager, ProgramRole.Triager, Ct);
        await new AddPackageMaintainer(db, d.Clock).ExecuteAsync("npm", "deep-merge", d.MaintainingTriager, null, Ct);
        return d;
    }

    public VigilDbContext Open() => Database.Open();

    public static SubmitReportRequest Request(string package = "deep-merge", string versions = "<=1.4.1") => new(
        [new ReportPackageInput("npm", package, versions)],
        $"Prototype pollution {Marker}",
        $"Merging a crafted object pollutes Object.prototype. {Marker}",
        ProofOfConcept: $"merge({{}}, JSON.parse('{{\"__proto__\":{{\"x\":1}}}}')) // {Marker}",
        CvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        Cwe: "CWE-1321",
        ReporterEmail: $"researcher+{Marker}@example.test",
        CreditName: "Ada Researcher");

    public async Task<SubmittedReport> SubmitAsync(SubmitReportRequest? request = null, Actor? actor = null)
    {
        await using var db = Open();
        return await Use<SubmitReport>(db).ExecuteAsync(Slug, request ?? Request(), actor ?? Actor.Anonymous, Ct);
    }

    /// <summary>
    /// A use case as the server composes it (<see cref="CoreServices.AddVigilCore"/>), on <paramref name="db"/>, this
    /// clock and this vault; it tells nobody unless given a <paramref name="notifier"/>.
    /// </summary>
    public T Use<T>(VigilDbContext db, IReportNotifier? notifier = null) where T : notnull
        => UseCases.Compose<T>(db, Clock, Vault, notifier);

    /// <summary>The server's notifier (outbox rows) on <paramref name="db"/>, this clock and this vault.</summary>
    public ReportNotifier Notifier(VigilDbContext db) =>
        new(db, Clock, "https://vigil.example.test", Vault, Use<Vigil.Core.Mail.ReplyAddresses>(db));

    public async Task<T> Run<T>(Func<VigilDbContext, Task<T>> action)
    {
        await using var db = Open();
        return await action(db);
    }

    public async Task Run(Func<VigilDbContext, Task> action)
    {
        await using var db = Open();
        await action(db);
    }

    public Task<ReportView> ViewAsync(long id, Actor actor) =>
        Run(db => new GetReport(db, Vault, Clock).ExecuteAsync(id, actor, Ct));

    public Task AcceptAsync(long id, Guid? by = null) =>
        Run(db => Use<TriageReport>(db).AcceptAsync(id, Actor.User(by ?? Triager), Ct));

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
