using Microsoft.EntityFrameworkCore;
using Vigil.Core.Advisories;
using Vigil.Core.Data;

namespace Vigil.Core.Imports;

/// <summary>
/// Imports advisories from files, directories and zips (<c>vigil import PATH...</c>). Each path goes to
/// the first importer in <see cref="AdvisoryImporters.All"/> that recognises it. Records are validated
/// completely, then stored in batches through <see cref="UpsertAdvisories"/> (one transaction each);
/// a record that fails validation is reported with its file and skipped while the rest is stored. If
/// the database still refuses a batch, it is retried one advisory at a time so only the culprit is lost.
/// Importing the same data again changes nothing.
/// </summary>
public sealed class ImportAdvisories(VigilDbContext db, TimeProvider time, ImportOptions options)
{
    private readonly VigilDbContext _db = db;
    private readonly ImportOptions _options = options;
    private readonly TimeProvider _time = time;

    public async Task<ImportSummary> ExecuteAsync(
        IReadOnlyList<string> paths,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var inputs = paths.Select(Open).ToList();
        try
        {
            var run = new Run(this, inputs.Sum(i => i.Source?.Total ?? 0), progress);
            var results = new List<ImportPathResult>();
            foreach (var input in inputs)
            {
                results.Add(await run.ImportAsync(input, cancellationToken));
            }
            return new ImportSummary(results);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Source?.Dispose();
            }
        }
    }

    private Input Open(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return new Input(path, null, null, "no such file or directory");
        }
        var importer = AdvisoryImporters.Find(path);
        if (importer is null)
        {
            return new Input(path, null, null,
                "not a format Vigil imports (an OSV .json file, a directory or zip of them, or a Node.js Security WG "
                + "vuln/ directory)");
        }
        try
        {
            return new Input(path, importer, importer.Open(path, _options), null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new Input(path, importer, null, "cannot be read: " + exception.Message);
        }
    }

    private sealed record Input(string Path, IAdvisoryImporter? Importer, IImportSource? Source, string? Problem);

    /// <summary>State of one ExecuteAsync call: progress across all paths.</summary>
    private sealed class Run(ImportAdvisories owner, int total, IProgress<ImportProgress>? progress)
    {
        private readonly StoreConstraints _constraints = StoreConstraints.For(owner._db);
        private readonly UpsertAdvisories _upsert = new(owner._db, owner._time);
        private int _done;

        public async Task<ImportPathResult> ImportAsync(Input input, CancellationToken cancellationToken)
        {
            var problems = new List<ImportProblem>();
            if (input.Source is null)
            {
                problems.Add(new ImportProblem(input.Path, input.Problem!));
                return new ImportPathResult(input.Path, input.Importer?.Name, 0, 0, 0, problems);
            }
            progress?.Report(new ImportProgress(_done, total, input.Path));
            var outcome = UpsertOutcome.None;
            var batch = new List<ImportRecord>(owner._options.BatchSize);
            foreach (var record in input.Source.Read(cancellationToken))
            {
                var problem = record.Problem ?? _constraints.Check(record.Advisory!);
                if (problem is not null)
                {
                    problems.Add(new ImportProblem(record.File, problem));
                    _done++;
                    continue;
                }
                batch.Add(record);
                if (batch.Count >= Math.Max(1, owner._options.BatchSize))
                {
                    outcome = outcome.Plus(await FlushAsync(batch, problems, input.Path, cancellationToken));
                }
            }
            outcome = outcome.Plus(await FlushAsync(batch, problems, input.Path, cancellationToken));
            return new ImportPathResult(
                input.Path, input.Importer!.Name, outcome.Added, outcome.Updated, outcome.Unchanged, problems);
        }

        private async Task<UpsertOutcome> FlushAsync(
            List<ImportRecord> batch, List<ImportProblem> problems, string path, CancellationToken cancellationToken)
        {
            var outcome = UpsertOutcome.None;
            if (batch.Count > 0)
            {
                try
                {
                    outcome = await _upsert.ExecuteAsync(batch.Select(r => r.Advisory!).ToList(), cancellationToken);
                }
                catch (DbUpdateException)
                {
                    owner._db.ChangeTracker.Clear();
                    outcome = await OneByOneAsync(batch, problems, cancellationToken);
                }
                _done += batch.Count;
                batch.Clear();
            }
            progress?.Report(new ImportProgress(_done, total, path));
            return outcome;
        }

        private async Task<UpsertOutcome> OneByOneAsync(
            List<ImportRecord> batch, List<ImportProblem> problems, CancellationToken cancellationToken)
        {
            var outcome = UpsertOutcome.None;
            foreach (var record in batch)
            {
                try
                {
                    outcome = outcome.Plus(await _upsert.ExecuteAsync([record.Advisory!], cancellationToken));
                }
                catch (DbUpdateException exception)
                {
                    owner._db.ChangeTracker.Clear();
                    problems.Add(new ImportProblem(
                        record.File, "the database refused it: " + (exception.InnerException ?? exception).Message));
                }
            }
            return outcome;
        }
    }
}
