using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;

namespace Vigil.Core.Tests.Reports;

public class SubmitReportTests
{
    private static CancellationToken Ct => Disclosure.Ct;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_Anonymous_ReturnsATokenOnceAndStoresOnlyItsHash(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);

        var submitted = await d.SubmitAsync();

        Assert.NotNull(submitted.FollowUpToken);
        Assert.StartsWith("vfu_", submitted.FollowUpToken, StringComparison.Ordinal);
        Assert.True(submitted.FollowUpToken.Length >= 4 + 43, "256 random bits in URL-safe base64");
        var report = await d.Run(db => db.Reports.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(FollowUpTokens.Hash(submitted.FollowUpToken), report.FollowUpTokenHash);
        Assert.Null(report.ReporterUserId);
        Assert.Equal(ReportState.New, report.State);
        // Wednesday 09:00 + 2 business days.
        Assert.Equal(Disclosure.Start.AddDays(2), submitted.TriageDueAt);
        Assert.Equal(9.8, report.CvssScore);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ReportText_IsNotInTheDatabaseInClear(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var submitted = await d.SubmitAsync(Disclosure.Request() with
        {
            Attachments = [
                new Vigil.Core.Attachments.AttachmentUpload($"poc-{Disclosure.Marker}.js",
                    System.Text.Encoding.UTF8.GetBytes($"exploit {Disclosure.Marker}"))],
        });
        await d.AcceptAsync(submitted.Id);
        await d.Run(
            db =>
                new CommentOnReport(db, d.Vault, d.Clock).ExecuteAsync(submitted.Id, Actor.User(d.Triager),
                    $"note {Disclosure.Marker}", internalNote: true, Ct));

        var dump = await RawDump(d);

        Assert.DoesNotContain(Disclosure.Marker, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(submitted.FollowUpToken!, dump, StringComparison.Ordinal);
        // …while the participants still read it.
        var view = await d.ViewAsync(submitted.Id, Actor.FollowUp(submitted.FollowUpToken!));
        Assert.Contains(Disclosure.Marker, view.Title, StringComparison.Ordinal);
        Assert.Contains(Disclosure.Marker, view.ProofOfConcept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_SignedIn_ReporterIsTheAccountAndNoToken()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var researcher = Guid.NewGuid();

        var submitted = await d.SubmitAsync(actor: Actor.User(researcher));

        Assert.Null(submitted.FollowUpToken);
        var view = await d.ViewAsync(submitted.Id, Actor.User(researcher));
        Assert.Equal("reporter", view.ViewerRole);
    }

    [Fact]
    public async Task Execute_OnBehalfOfByANonMember_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            d.SubmitAsync(Disclosure.Request() with { OnBehalfOf = Guid.NewGuid() }, Actor.User(d.Stranger)));

        Assert.Equal(["onBehalfOf"], error.Errors.Keys);
    }

    [Fact]
    public async Task Execute_UnknownProgram_NotFound()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);

        await Assert.ThrowsAsync<NotFoundException>(() => d.Run(db =>
            d.Use<SubmitReport>(db).ExecuteAsync("nope", Disclosure.Request(), Actor.Anonymous, Ct)));
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "packages", "none" },
        { "packages[0].ecosystem", "PyPI" },
        { "packages[0].name", "" },
        { "packages[0].affectedVersions", "not a range ~~" },
        { "title", "" },
        { "description", "" },
        { "cvssVector", "CVSS:3.1/AV:N" },
        { "cwe", "XSS" },
        { "reporterEmail", "not-an-address" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Execute_BadInput_NamesTheFieldAndStoresNothing(string field, string value)
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var request = Disclosure.Request();
        var package = request.Packages[0];
        request = field switch
        {
            "packages" => request with { Packages = [] },
            "packages[0].ecosystem" => request with { Packages = [package with { Ecosystem = value }] },
            "packages[0].name" => request with { Packages = [package with { Name = value }] },
            "packages[0].affectedVersions" => request with { Packages = [package with { AffectedVersions = value }] },
            "title" => request with { Title = value },
            "description" => request with { Description = value },
            "cvssVector" => request with { CvssVector = value },
            "cwe" => request with { Cwe = value },
            _ => request with { ReporterEmail = value },
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => d.SubmitAsync(request));

        Assert.Contains(field, error.Errors.Keys);
        Assert.Equal(0, await d.Run(db => db.Reports.CountAsync(Ct)));
    }

    [Fact]
    public async Task Execute_PackageOutsideTheScope_IsRefused()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => d.SubmitAsync(Disclosure.Request() with
        {
            Packages = [new ReportPackageInput("NuGet", "Example.Lib", "[1.0.0, 2.0.0)")],
        }));

        Assert.Contains("not in the scope", error.Errors["packages[0].name"][0], StringComparison.Ordinal);
    }

    /// <summary>Every byte of every report table, as a dump would hold them.</summary>
    private static async Task<string> RawDump(Disclosure d)
    {
        await using var db = d.Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var text = new System.Text.StringBuilder();
        foreach (var table in new[] { "reports", "report_packages", "report_events", "report_participants",
            "report_attachments", "programs" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(
                        value is byte[] bytes ? System.Text.Encoding.Latin1.GetString(bytes) : value?.ToString())
                            .Append('|');
                }
            }
        }
        if (d.Database.Target.SqliteFile() is { } file)
        {
            // The file itself, WAL included: deleted pages and journals must not hold plaintext either.
            db.Database.CloseConnection();
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
                text.Append(await reader.ReadToEndAsync(Ct));
            }
        }
        return text.ToString();
    }
}
