using Vigil.Core.Advisories;
using Vigil.Core.Cve;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Cve;

/// <summary>The process rule: a CVE id "requested from a CNA, or taken from a block of ids reserved by the program's
/// CNA".</summary>
public class AssignCveTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReserveFromBlock_HandsOutIdsInOrderAndPublishesThemAsAliases(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        await d.Run(
            db =>
                new UpdateProgramPolicy(db).ExecuteAsync(Disclosure.Slug,
                    new ProgramSettings(ReservedCveIds: ["CVE-2026-41001", "CVE-2026-41002"]), Ct));
        var first = await d.SubmitAsync();
        var second = await d.SubmitAsync();
        var third = await d.SubmitAsync();
        var triager = Actor.User(d.Triager);

        var a = await d.Run(db => new AssignCve(db, d.Clock).ReserveFromBlockAsync(first.Id, triager, Ct));
        var b = await d.Run(db => new AssignCve(db, d.Clock).ReserveFromBlockAsync(second.Id, triager, Ct));
        var exhausted = await Assert.ThrowsAsync<ConflictException>(
            () => d.Run(db => new AssignCve(db, d.Clock).ReserveFromBlockAsync(third.Id, triager, Ct)));

        Assert.Equal(("CVE-2026-41001", "CVE-2026-41002"), (a, b));
        Assert.Contains("no unused CVE id", exhausted.Message, StringComparison.Ordinal);
        var reporterView = await d.ViewAsync(first.Id, Actor.FollowUp(first.FollowUpToken!));
        Assert.Equal(("CVE-2026-41001", "reserved"), (reporterView.CveId, reporterView.CveState));

        await d.AcceptAsync(first.Id);
        var published = await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(first.Id, triager, Ct));

        Assert.Equal("published", (await d.ViewAsync(first.Id, Actor.FollowUp(first.FollowUpToken!))).CveState);
        var found = await d.Run(db => new GetAdvisory(db).ExecuteAsync("CVE-2026-41001", Ct));
        Assert.Equal(published.Id, found!.Vulnerability.Id);
    }

    [Fact]
    public async Task Record_AssignedElsewhere_ValidatedAndUnique()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var first = await d.SubmitAsync();
        var second = await d.SubmitAsync();
        var triager = Actor.User(d.Triager);

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(
            () => d.Run(db => new AssignCve(db, d.Clock).RecordAsync(first.Id, triager, "CVE-1", Ct)));
        await d.Run(db => new AssignCve(db, d.Clock).RequestAsync(first.Id, triager, Ct));
        Assert.Equal("requested", (await d.ViewAsync(first.Id, Actor.FollowUp(first.FollowUpToken!))).CveState);
        await d.Run(db => new AssignCve(db, d.Clock).RecordAsync(first.Id, triager, "CVE-2026-50123", Ct));
        var taken = await Assert.ThrowsAsync<ConflictException>(
            () => d.Run(db => new AssignCve(db, d.Clock).RecordAsync(second.Id, triager, "CVE-2026-50123", Ct)));

        Assert.Equal(["cveId"], bad.Errors.Keys);
        Assert.Contains("already belongs", taken.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(
            () =>
                d.Run(
                    db => new AssignCve(db, d.Clock).RequestAsync(first.Id, Actor.FollowUp(first.FollowUpToken!), Ct)));
    }

    [Fact]
    public async Task Export_BeforePublication_IsTheRecordTheReportWouldBecome()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var report = await d.SubmitAsync();
        var triager = Actor.User(d.Triager);
        var options = new CveOptions { AssignerOrgId = Guid.Parse("b3476cb9-2e3d-41a6-98d0-0f47421a65b6") };
        await Assert.ThrowsAsync<ConflictException>(
            () => d.Run(db => new ExportCveRecord(db, d.Vault, d.Clock).ExecuteAsync(report.Id, triager, options, Ct)));
        await d.Run(db => new AssignCve(db, d.Clock).RecordAsync(report.Id, triager, "CVE-2026-50124", Ct));

        var record = await d.Run(
            db => new ExportCveRecord(db, d.Vault, d.Clock).ExecuteAsync(report.Id, triager, options, Ct));
        var reporter = await Assert.ThrowsAsync<ConflictException>(
            () =>
                d.Run(
                    db =>
                        new ExportCveRecord(db, d.Vault, d.Clock).ExecuteAsync(report.Id,
                            Actor.FollowUp(report.FollowUpToken!), options, Ct)));

        var cna = record["cnaContainer"]!;
        Assert.StartsWith("Prototype pollution", cna["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("*", cna["affected"]![0]!["versions"]![0]!["lessThan"]!.GetValue<string>());
        Assert.Equal("CWE-1321", cna["problemTypes"]![0]!["descriptions"]![0]!["cweId"]!.GetValue<string>());
        Assert.Contains("team", reporter.Message, StringComparison.Ordinal);
    }
}
