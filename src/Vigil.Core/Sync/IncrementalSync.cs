using Vigil.Core.Advisories;
using Vigil.Core.Imports;
using Vigil.Core.Imports.Osv;

namespace Vigil.Core.Sync;

/// <summary>
/// A later run: <c>modified_id.csv</c> is fetched with the last validators (304: nothing to do), then every
/// record it dates after the watermark is fetched as <c>{ID}.json</c>, several at a time, and stored in one
/// transaction with the withdrawals of ids the listing no longer names. The listing is checked against
/// the records: a listed id with no file, a file holding another id, or one older than its listing fails
/// the run (a stale or lying copy; the next run tries again). A record that fails OSV validation is
/// reported and skipped, so one bad upstream record cannot hold the rest back.
/// </summary>
internal sealed class IncrementalSync(SyncRun run, SyncStateEntity state)
{
    private const int Parallel = 8;

    public async Task<SyncRunResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        var where = run.Where("modified_id.csv");
        byte[]? csv = null;
        var fetch = await run.Bucket.GetAsync(
            run.PathOf("modified_id.csv"), new BucketValidators(state.ETag, state.LastModifiedHeader),
            async (body, length, token) =>
            {
                csv = await ReadAllAsync(body, where, token);
                if (csv.Length > 0 && csv[^1] != (byte)'\n')
                {
                    throw new BucketTransientException(
                        $"{where}: the file does not end with a newline (a truncated download?)");
                }
            }, cancellationToken);
        if (fetch.Status == BucketStatus.NotFound)
        {
            throw new SyncFailedException(
                $"{where}: not found; a source without modified_id.csv can only be read whole (delete the sync state "
                + "to start over)");
        }
        if (fetch.Status == BucketStatus.NotModified)
        {
            await using var unchanged = await run.Db.Database.BeginTransactionAsync(cancellationToken);
            await run.SaveStateAsync(null, fetch.Validators, MirrorOutcome.None, cancellationToken);
            await unchanged.CommitAsync(cancellationToken);
            return run.Result(SyncKind.NotModified, MirrorOutcome.None);
        }

        var entries = ModifiedIdCsv.Parse(csv!, where);
        var watermark = state.LastModifiedSeen!.Value;
        var changed = entries.Where(e => e.Modified > watermark)
            .GroupBy(e => e.Id, StringComparer.Ordinal)
            .Select(g => g.MaxBy(e => e.Modified)!)
            .ToList();
        var outcome = MirrorOutcome.None;
        var done = 0;
        await using var transaction = await run.Db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in changed.Chunk(Math.Max(1, run.Options.BatchSize)))
        {
            var records = new (ImportRecord Read, MirrorRecord? Ready)?[chunk.Length];
            await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, chunk.Length),
                new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
                async (i, token) => records[i] = await FetchRecordAsync(chunk[i], where, token));
            var batch = new List<MirrorRecord>(chunk.Length);
            foreach (var (record, ready) in records.Select(r => r!.Value))
            {
                if (ready is null)
                {
                    run.Problems.Add(new SyncProblem(record.File, record.Problem!));
                    continue;
                }
                batch.Add(ready);
            }
            outcome = outcome.Plus(await run.Store.StoreAsync(batch, cancellationToken));
            done += chunk.Length;
            run.Progress?.Report(new SyncProgress("fetching records", 0, null, done, changed.Count));
        }
        var listed = entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var removed = await run.Store.WithdrawMissingAsync(
            run.Ecosystem, listed, run.Options, where, cancellationToken);
        outcome = outcome.Plus(MirrorOutcome.None with { Removed = removed });
        var newest = entries.Count == 0 ? watermark : entries.Max(e => e.Modified);
        await run.SaveStateAsync(newest > watermark ? newest : watermark, fetch.Validators, outcome, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run.Result(SyncKind.Incremental, outcome);
    }

    /// <summary>The record as fetched, and ready to store (derived here, in parallel) when it is valid.</summary>
    private async Task<(ImportRecord, MirrorRecord?)> FetchRecordAsync(
        ModifiedId entry, string csvWhere, CancellationToken cancellationToken)
    {
        var file = entry.Id + ".json";
        var where = run.Where(file);
        byte[]? bytes = null;
        var fetch = await run.Bucket.GetAsync(run.PathOf(Uri.EscapeDataString(entry.Id) + ".json"), null,
            async (body, length, token) => bytes = await ReadAllAsync(body, where, token), cancellationToken);
        if (fetch.Status != BucketStatus.Ok)
        {
            throw new SyncFailedException(
                $"{csvWhere} line {entry.Line} lists {entry.Id}, but {where} is not there; the run is retried next "
                + "time");
        }
        var record = OsvDocumentReader.Read(where, bytes!);
        if (record.Advisory?.Vulnerability is { } vulnerability)
        {
            if (vulnerability.Id != entry.Id)
            {
                throw new SyncFailedException(
                    $"{where} holds the record {vulnerability.Id}, not {entry.Id} as {csvWhere} line {entry.Line} "
                    + "says");
            }
            if (vulnerability.Modified < entry.Modified)
            {
                throw new SyncFailedException(
                    $"{where} was modified {vulnerability.Modified:O}, before the {entry.Modified:O} that {csvWhere} "
                    + $"line {entry.Line} gives (a stale copy); the run is retried next time");
            }
        }
        return (record, record.Advisory is { } advisory ? MirrorRecord.Of(run.Mirrored(advisory)) : null);
    }

    private async Task<byte[]> ReadAllAsync(Stream body, string where, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > run.Options.MaxFileBytes)
            {
                throw new SyncFailedException($"{where}: larger than the limit of {run.Options.MaxFileBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
