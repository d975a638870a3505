using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Attachments;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Core.Backups;

/// <summary>
/// What a database holds, as one digest per record: every advisory (its OSV document), every report (its facts in
/// clear, its text decrypted, its timeline with each entry decrypted), every attachment (name and content decrypted),
/// and the row count of every table. Two databases with equal inventories hold the same data; taking one proves the
/// master key opens every sealed value (a wrong key throws <see cref="CryptographicException"/> on the first report).
/// </summary>
public sealed record DataInventory(IReadOnlyDictionary<string, string> Digests)
{
    public int Advisories => Count("advisory:");

    public int Reports => Count("report:");

    public int Attachments => Count("attachment:");

    /// <summary>Every record one side has and the other has not, or has with other content, by key
    /// (<c>report:12</c>).</summary>
    public IReadOnlyList<string> Differences(DataInventory other) =>
        Digests.Keys.Union(other.Digests.Keys).Order(StringComparer.Ordinal)
            .Where(key => Digests.GetValueOrDefault(key) != other.Digests.GetValueOrDefault(key))
            .Select(key => !other.Digests.ContainsKey(key) ? $"{key}: missing in the copy"
                : !Digests.ContainsKey(key) ? $"{key}: only in the copy"
                : key.StartsWith(
                    "table:", StringComparison.Ordinal) ? $"{key}: {Digests[key]} rows, the copy {other.Digests[key]}"
                : $"{key}: differs")
            .ToList();

    private int Count(string prefix) => Digests.Keys.Count(k => k.StartsWith(prefix, StringComparison.Ordinal));

    public static async Task<DataInventory> TakeAsync(
        VigilDbContext db, ReportVault vault, CancellationToken cancellationToken = default)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var advisory in db.Advisories.AsNoTracking()
            .OrderBy(a => a.Id)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            digests[$"advisory:{advisory.Id}"] = Hash(
                advisory.Id, advisory.Modified, advisory.Withdrawn, advisory.Document);
        }
        var keys = new Dictionary<long, byte[]>();
        await foreach (var report in db.Reports.AsNoTracking()
            .Include(r => r.Packages)
            .OrderBy(r => r.Id)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            var key = keys[report.Id] = vault.Unwrap(report.WrappedKey);
            var content = ReportVault.Open(key, report.SealedContent, ReportContent.Purpose);
            var packages = report.Packages.OrderBy(p => p.Id)
                .Select(p => $"{p.Ecosystem}/{p.Name} {p.AffectedVersions} {p.FixedVersion}");
            digests[
                $"report:{report.Id}"] = Hash(report.State, report.RejectionReason, report.DuplicateOfId,
                report.ReporterUserId, report.CvssVector, report.Cwe,
                report.SubmittedAt, report.TriageDueAt, report.TriagedAt, report.PublicationDueAt, report.DisclosureAt,
                report.PublishedAt,
                report.CveId, report.CveState, report.AdvisoryId, report.HeldForReview, content,
                string.Join("\n", packages));
        }
        await foreach (var e in db.ReportEvents.AsNoTracking()
            .OrderBy(e => e.Id)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            var text = e.SealedText is null
                ? null
                : ReportVault.Open(keys[e.ReportId], e.SealedText, ReportContent.EventPurpose);
            digests[$"event:{e.Id}"] = Hash(
                e.ReportId, e.At, e.Kind, e.ActorKind, e.ActorUserId, e.FromState, e.ToState, e.Visibility, e.Detail,
                text);
        }
        await foreach (var a in db.ReportAttachments.AsNoTracking()
            .OrderBy(a => a.Id)
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            var name = ReportVault.Open(keys[a.ReportId], a.SealedName, ReportAttachments.NamePurpose);
            var bytes = ReportVault.OpenBytes(keys[a.ReportId], a.SealedContent, ReportAttachments.ContentPurpose);
            digests[$"attachment:{a.Id}"] = Hash(
                a.ReportId, a.MediaType, a.Size, a.Visibility, a.UploadedAt, name,
                Convert.ToHexString(SHA256.HashData(bytes)));
        }
        foreach (var table in db.Model.GetEntityTypes()
            .Select(t => t.GetTableName())
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal))
        {
            digests[$"table:{table}"] = (await RowsAsync(db, table, cancellationToken))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new DataInventory(digests);
    }

    private static async Task<long> RowsAsync(VigilDbContext db, string table, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(
            await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Hash(params object?[] values)
    {
        var text = string.Join("\u001f", values.Select(v => v switch
        {
            null => "\u0000",
            DateTimeOffset at => at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
