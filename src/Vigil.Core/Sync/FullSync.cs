using System.IO.Compression;
using Vigil.Core.Advisories;
using Vigil.Core.Imports;
using Vigil.Core.Imports.Osv;

namespace Vigil.Core.Sync;

/// <summary>
/// A first run: <c>all.zip</c> is downloaded to a temporary file (checked to be a readable zip, else fetched
/// again), every record is validated as <c>vigil import</c> does, and the whole ecosystem is stored in one
/// transaction. The watermark becomes the newest <c>modified</c> in the zip. A record that fails validation
/// is reported and skipped; an entry that cannot be decompressed means a corrupt download and fails the run.
/// </summary>
internal sealed class FullSync(SyncRun run)
{
    public async Task<SyncRunResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        var where = run.Where("all.zip");
        var temp = Path.Combine(Path.GetTempPath(), $"vigil-sync-{Guid.NewGuid():N}.zip");
        try
        {
            var fetch = await run.Bucket.GetAsync(run.PathOf("all.zip"), null, (body, length, token) => DownloadAsync(
                body, length, temp, where, token), cancellationToken);
            if (fetch.Status != BucketStatus.Ok)
            {
                throw new SyncFailedException(
                    $"{where}: not found; does the source publish the ecosystem '{run.Ecosystem}'?");
            }
            return await StoreAsync(temp, where, cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task DownloadAsync(
        Stream body, long? length, string temp, string where, CancellationToken cancellationToken)
    {
        await using (var file = new FileStream(
            temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > run.Options.MaxZipBytes)
                {
                    throw new SyncFailedException($"{where}: larger than the limit of {run.Options.MaxZipBytes} bytes");
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                run.Progress?.Report(new SyncProgress("downloading all.zip", total, length, 0, 0));
            }
        }
        try
        {
            // The stream is disposed on its own: a ZipArchive that fails to open does not close it.
            await using var stream = File.OpenRead(temp);
            await using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            _ = zip.Entries.Count;
        }
        catch (InvalidDataException exception)
        {
            throw new BucketTransientException(
                $"{where}: the download is not a readable zip (truncated or corrupt): {exception.Message}", exception);
        }
    }

    private async Task<SyncRunResult> StoreAsync(string temp, string where, CancellationToken cancellationToken)
    {
        using var source = new OsvZipSource(temp, ImportOptions.Default);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? newest = null;
        var outcome = MirrorOutcome.None;
        var batch = new List<AdvisoryToStore>(run.Options.BatchSize);
        var done = 0;
        await using var transaction = await run.Db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var record in source.Read(cancellationToken))
        {
            done++;
            var file = record.File.Replace(temp, where, StringComparison.Ordinal);
            if (record.Advisory is null)
            {
                if (IsCorruption(record.Problem!))
                {
                    throw new SyncFailedException($"{file}: {record.Problem} (a corrupt download; nothing was stored)");
                }
                run.Problems.Add(new SyncProblem(file, record.Problem!));
                continue;
            }
            var vulnerability = record.Advisory.Vulnerability;
            listed.Add(vulnerability.Id);
            newest = newest is null || vulnerability.Modified > newest ? vulnerability.Modified : newest;
            batch.Add(run.Mirrored(record.Advisory));
            if (batch.Count >= run.Options.BatchSize)
            {
                outcome = outcome.Plus(await run.Store.StoreAsync(batch, cancellationToken));
                batch.Clear();
                run.Progress?.Report(new SyncProgress("storing", 0, null, done, source.Total));
            }
        }
        outcome = outcome.Plus(await run.Store.StoreAsync(batch, cancellationToken));
        run.Progress?.Report(new SyncProgress("storing", 0, null, done, source.Total));
        var removed = await run.Store.WithdrawMissingAsync(
            run.Ecosystem, listed, run.Options, where, cancellationToken);
        outcome = outcome.Plus(MirrorOutcome.None with { Removed = removed });
        await run.SaveStateAsync(newest ?? run.Time.GetUtcNow(), null, outcome, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run.Result(SyncKind.Full, outcome);
    }

    /// <summary>Problems <see cref="OsvZipSource"/> reports about the zip rather than a record in it.</summary>
    private static bool IsCorruption(string problem) =>
        problem.StartsWith("is not a readable zip", StringComparison.Ordinal)
        || problem.StartsWith("the entry cannot be decompressed", StringComparison.Ordinal)
        || problem.StartsWith("not read: ", StringComparison.Ordinal)
        || problem.Contains("zip bomb", StringComparison.Ordinal);
}
