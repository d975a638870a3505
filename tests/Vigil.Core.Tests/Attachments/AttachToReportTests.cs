using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Attachments;
using Vigil.Core.Data;
using Vigil.Core.Errors;
using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Attachments;

public class AttachToReportTests
{
    private static CancellationToken Ct => Disclosure.Ct;
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private static AttachToReport Attach(VigilDbContext db, Disclosure d, AttachmentOptions? options = null) =>
        new(db, d.Vault, d.Clock, Options.Create(options ?? new AttachmentOptions()));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_AtIntakeAndLater_ParticipantsDownloadTheSameBytesAndTheTimelineSaysSo(
        DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var poc = Encoding.UTF8.GetBytes($"require('deep-merge')({{}}, payload) // {Disclosure.Marker}\n");
        var submitted = await d.SubmitAsync(
            Disclosure.Request() with { Attachments = [new AttachmentUpload("C:\\work\\exploit.js", poc)] });
        var token = Actor.FollowUp(submitted.FollowUpToken!);

        var later = await d.Run(
            db =>
                Attach(db, d)
                    .ExecuteAsync(submitted.Id, token, [new AttachmentUpload("screen.png", Png)],
                        cancellationToken: Ct));

        var view = await d.ViewAsync(submitted.Id, Actor.User(d.Triager));
        Assert.Equal(["exploit.js", "screen.png"], view.Attachments.Select(a => a.FileName));
        Assert.Equal(["text/plain", "image/png"], view.Attachments.Select(a => a.MediaType));
        Assert.Equal(poc.Length, view.Attachments[0].Size);
        Assert.Equal(2, view.Timeline.Count(e => e.Kind == "Attachment"));
        var file = await d.Run(
            db => new GetAttachment(db, d.Vault).ExecuteAsync(submitted.Id, view.Attachments[0].Id, token, Ct));
        Assert.Equal(poc, file.Content);
        Assert.Equal("exploit.js", file.FileName);
        var png = await d.Run(
            db => new GetAttachment(db, d.Vault).ExecuteAsync(submitted.Id, later[0], Actor.User(d.Triager), Ct));
        Assert.Equal(Png, png.Content);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ContentAndName_AreNotInTheDatabaseInClear(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var submitted = await d.SubmitAsync();
        await d.Run(db => Attach(db, d).ExecuteAsync(submitted.Id, Actor.FollowUp(submitted.FollowUpToken!),
            [new AttachmentUpload($"{Disclosure.Marker}.txt", Encoding.UTF8.GetBytes($"secret {Disclosure.Marker}"))],
            cancellationToken: Ct));

        var rows = await d.Run(db => db.ReportAttachments.AsNoTracking().ToListAsync(Ct));

        var row = Assert.Single(rows);
        Assert.DoesNotContain(Disclosure.Marker, Encoding.UTF8.GetString(row.SealedContent), StringComparison.Ordinal);
        Assert.DoesNotContain(Disclosure.Marker, Encoding.UTF8.GetString(row.SealedName), StringComparison.Ordinal);
        var events = await d.Run(
            db => db.ReportEvents.AsNoTracking().Where(e => e.Kind == ReportEventKind.Attachment).ToListAsync(Ct));
        Assert.All(events,
            e =>
                Assert.DoesNotContain(Disclosure.Marker, (e.Detail ?? "") + Encoding.UTF8.GetString(e.SealedText ?? []),
                    StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_InternalFile_IsTheTeamsOnly()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var submitted = await d.SubmitAsync();
        var token = Actor.FollowUp(submitted.FollowUpToken!);

        var ids = await d.Run(
            db =>
                Attach(db, d)
                    .ExecuteAsync(submitted.Id, Actor.User(d.Triager),
                        [new AttachmentUpload("triage.md", "notes"u8.ToArray())], internalOnly: true, Ct));

        Assert.Empty((await d.ViewAsync(submitted.Id, token)).Attachments);
        Assert.DoesNotContain((await d.ViewAsync(submitted.Id, token)).Timeline, e => e.Kind == "Attachment");
        await Assert.ThrowsAsync<NotFoundException>(
            () => d.Run(db => new GetAttachment(db, d.Vault).ExecuteAsync(submitted.Id, ids[0], token, Ct)));
        Assert.True(Assert.Single((await d.ViewAsync(submitted.Id, Actor.User(d.OtherTriager))).Attachments).Internal);
        await Assert.ThrowsAsync<ConflictException>(() => d.Run(db =>
            Attach(db, d)
                .ExecuteAsync(submitted.Id, token, [new AttachmentUpload("a.txt", "x"u8.ToArray())], internalOnly: true,
                    Ct)));
    }

    [Fact]
    public async Task Execute_NonParticipant_GetsNotFoundForUploadAndDownload()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var submitted = await d.SubmitAsync(
            Disclosure.Request() with { Attachments = [new AttachmentUpload("a.png", Png)] });
        var id = (await d.ViewAsync(submitted.Id, Actor.User(d.Triager))).Attachments[0].Id;

        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(db => new GetAttachment(db, d.Vault).ExecuteAsync(submitted.Id, id, Actor.User(d.Stranger), Ct)));
        await Assert.ThrowsAsync<NotFoundException>(
            () => d.Run(db => new GetAttachment(db, d.Vault).ExecuteAsync(submitted.Id, id, Actor.Anonymous, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => d.Run(db =>
            Attach(db, d)
                .ExecuteAsync(submitted.Id, Actor.User(d.Stranger), [new AttachmentUpload("b.png", Png)],
                    cancellationToken: Ct)));
        // An attachment id of another report does not open through this one.
        var other = await d.SubmitAsync();
        await Assert.ThrowsAsync<NotFoundException>(
            () =>
                d.Run(
                    db =>
                        new GetAttachment(db, d.Vault).ExecuteAsync(other.Id, id, Actor.FollowUp(other.FollowUpToken!),
                            Ct)));
    }

    [Fact]
    public async Task Execute_OneBadFileAmongGoodOnes_RefusesAllAndNamesIt()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var submitted = await d.SubmitAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => d.Run(db => Attach(db, d).ExecuteAsync(submitted.Id, Actor.User(d.Triager),
            [new AttachmentUpload("good.png", Png), new AttachmentUpload("fake.png", "GIF89a"u8.ToArray()),
                new AttachmentUpload("empty.txt", [])],
            cancellationToken: Ct)));

        Assert.Contains("'fake.png' is not a PNG image", error.Errors["attachments[1]"][0], StringComparison.Ordinal);
        Assert.Contains("'empty.txt' is empty", error.Errors["attachments[2]"][0], StringComparison.Ordinal);
        Assert.False(error.Errors.ContainsKey("attachments[0]"));
        Assert.Equal(0, await d.Run(db => db.ReportAttachments.CountAsync(Ct)));
        Assert.Equal(0, await d.Run(db => db.ReportEvents.CountAsync(e => e.Kind == ReportEventKind.Attachment, Ct)));
    }

    [Fact]
    public async Task Execute_BeyondTheLimits_IsRefusedWithTheLimit()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);
        var submitted = await d.SubmitAsync();
        var limits = new AttachmentOptions { MaxFileBytes = 10, MaxFilesPerReport = 2, MaxBytesPerReport = 15 };
        var triager = Actor.User(d.Triager);

        var tooBig = await Assert.ThrowsAsync<ValidationFailedException>(() => d.Run(db =>
            Attach(db, d, limits)
                .ExecuteAsync(submitted.Id, triager, [new AttachmentUpload("big.png", Png)], cancellationToken: Ct)));
        Assert.Contains("'big.png' is 12 bytes; the limit is 10", tooBig.Errors["attachments[0]"][0],
            StringComparison.Ordinal);

        await d.Run(
            db =>
                Attach(db, d, limits)
                    .ExecuteAsync(submitted.Id, triager, [new AttachmentUpload("a.txt", "12345678"u8.ToArray())],
                        cancellationToken: Ct));
        var total = await Assert.ThrowsAsync<ValidationFailedException>(() => d.Run(db =>
            Attach(db, d, limits)
                .ExecuteAsync(submitted.Id, triager, [new AttachmentUpload("b.txt", "12345678"u8.ToArray())],
                    cancellationToken: Ct)));
        Assert.Contains("at most 15 bytes", total.Errors["attachments"][0], StringComparison.Ordinal);

        await d.Run(
            db =>
                Attach(db, d, limits)
                    .ExecuteAsync(submitted.Id, triager, [new AttachmentUpload("c.txt", "1"u8.ToArray())],
                        cancellationToken: Ct));
        var count = await Assert.ThrowsAsync<ValidationFailedException>(() => d.Run(db =>
            Attach(db, d, limits)
                .ExecuteAsync(submitted.Id, triager, [new AttachmentUpload("d.txt", "1"u8.ToArray())],
                    cancellationToken: Ct)));
        Assert.Contains("at most 2 files", count.Errors["attachments"][0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Execute_ManyUploadsAtOnceNearTheLimit_KeepTheLimit(DatabaseProvider provider)
    {
        await using var d = await Disclosure.CreateAsync(provider);
        var submitted = await d.SubmitAsync();
        var limits = new AttachmentOptions { MaxFilesPerReport = 3 };
        var triager = Actor.User(d.Triager);

        // Each upload counts the report's files and adds one; without the report's lock all eight count none.
        var stored = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await d.Run(db => Attach(db, d, limits).ExecuteAsync(submitted.Id, triager,
                    [new AttachmentUpload($"log-{i}.txt", "a log line"u8.ToArray())], cancellationToken: Ct));
                return true;
            }
            catch (ValidationFailedException)
            {
                return false;
            }
        })));

        var files = await d.Run(db => db.ReportAttachments.CountAsync(a => a.ReportId == submitted.Id, Ct));
        Assert.Equal((3, 3), (stored.Count(s => s), files));
    }

    [Fact]
    public async Task Submit_WithABadAttachment_StoresNothingAndReportsFieldAndFileErrorsTogether()
    {
        await using var d = await Disclosure.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            d.SubmitAsync(
                Disclosure.Request() with
                {
                    Title = "",
                    Attachments = [new AttachmentUpload("run.exe", "MZ"u8.ToArray())]
                }));

        Assert.True(error.Errors.ContainsKey("title"));
        Assert.Contains(".exe files are not accepted", error.Errors["attachments[0]"][0], StringComparison.Ordinal);
        Assert.Equal(0, await d.Run(db => db.Reports.CountAsync(Ct)));
    }
}
