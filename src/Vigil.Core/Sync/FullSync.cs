using System.IO.Compression;
using System.Threading.Channels;
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

    /// <summary>
    /// Reading and validating the records (a reader task, validating on every core) overlaps with writing them
    /// (the caller's task): a bounded queue of a few batches between the two keeps memory flat.
    /// </summary>
    private async Task<SyncRunResult> StoreAsync(string temp, string where, CancellationToken cancellationToken)
    {
        using var source = new OsvZipSource(temp, ImportOptions.Default);
        var queue = Channel.CreateBounded<(List<MirrorRecord> Records, int Done)>(
            new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => ReadAsync(source, temp, where, queue.Writer, stop.Token), stop.Token);
        var outcome = MirrorOutcome.None;
        await using var transaction = await run.Db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await foreach (var (records, done) in queue.Reader.ReadAllAsync(cancellationToken))
            {
                outcome = outcome.Plus(await run.Store.StoreAsync(records, cancellationToken));
                run.Progress?.Report(new SyncProgress("storing", 0, null, done, source.Total));
            }
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(reader);
            throw;
        }
        var listing = await reader;
        var removed = await run.Store.WithdrawMissingAsync(
            run.Ecosystem, listing.Ids, run.Options, where, cancellationToken);
        outcome = outcome.Plus(MirrorOutcome.None with { Removed = removed });
        await run.SaveStateAsync(listing.Newest ?? run.Time.GetUtcNow(), null, outcome, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run.Result(SyncKind.Full, outcome);
    }

    private const int QueuedBatches = 4;

    /// <summary>The ids the zip lists and its newest <c>modified</c>, gathered while reading.</summary>
    private sealed class Listing
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? Newest { get; set; }
    }

    private async Task<Listing> ReadAsync(
        OsvZipSource source, string temp, string where,
        ChannelWriter<(List<MirrorRecord>, int)> queue, CancellationToken cancellationToken)
    {
        var listing = new Listing();
        var entries = new List<(string File, byte[]? Bytes, ImportRecord? Failure)>(run.Options.BatchSize);
        var done = 0;
        try
        {
            foreach (var entry in source.ReadEntries(cancellationToken))
            {
                entries.Add(entry);
                if (entries.Count >= run.Options.BatchSize)
                {
                    done += entries.Count;
                    await queue.WriteAsync((Prepare(entries, temp, where, listing), done), cancellationToken);
                    entries.Clear();
                }
            }
            done += entries.Count;
            await queue.WriteAsync((Prepare(entries, temp, where, listing), done), cancellationToken);
        }
        finally
        {
            queue.Complete();
        }
        return listing;
    }

    /// <summary>
    /// Parses, validates and derives the rows of a batch of entries on every core (the OSV schema check is most
    /// of a record's cost), keeping the zip's order, then takes the results in that order.
    /// </summary>
    private List<MirrorRecord> Prepare(
        List<(string File, byte[]? Bytes, ImportRecord? Failure)> entries, string temp, string where,
        Listing listing)
    {
        var results = new (ImportRecord Read, MirrorRecord? Ready)[entries.Count];
        System.Threading.Tasks.Parallel.For(0, entries.Count, i =>
        {
            var (file, bytes, failure) = entries[i];
            var record = failure ?? OsvDocumentReader.Read(file, bytes!);
            results[i] = (record, record.Advisory is { } advisory ? MirrorRecord.Of(run.Mirrored(advisory)) : null);
        });
        var batch = new List<MirrorRecord>(entries.Count);
        foreach (var (record, ready) in results)
        {
            if (ready is null)
            {
                var file = record.File.Replace(temp, where, StringComparison.Ordinal);
                if (IsCorruption(record.Problem!))
                {
                    throw new SyncFailedException($"{file}: {record.Problem} (a corrupt download; nothing was stored)");
                }
                run.Problems.Add(new SyncProblem(file, record.Problem!));
                continue;
            }
            var modified = ready.Row.Modified;
            listing.Ids.Add(ready.Row.Id);
            listing.Newest = listing.Newest is null || modified > listing.Newest ? modified : listing.Newest;
            batch.Add(ready);
        }
        return batch;
    }

    /// <summary>Problems <see cref="OsvZipSource"/> reports about the zip rather than a record in it.</summary>
    private static bool IsCorruption(string problem) =>
        problem.StartsWith("is not a readable zip", StringComparison.Ordinal)
        || problem.StartsWith("the entry cannot be decompressed", StringComparison.Ordinal)
        || problem.StartsWith("not read: ", StringComparison.Ordinal)
        || problem.Contains("zip bomb", StringComparison.Ordinal);
}
