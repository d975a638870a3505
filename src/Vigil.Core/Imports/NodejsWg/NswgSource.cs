using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Core.Imports.NodejsWg;

/// <summary>Lists the WG records up front (for progress), then reads and maps them one at a time.</summary>
internal sealed class NswgSource : IImportSource
{
    private static readonly JsonDocumentOptions ParseOptions =
        new() { MaxDepth = 64, AllowDuplicateProperties = false };

    private readonly ImportOptions _options;
    private readonly List<Func<ImportRecord>> _records = [];
    private readonly List<ImportRecord> _upfront = [];

    public NswgSource(NswgLayout layout, ImportOptions options)
    {
        _options = options;
        if (layout.NpmDirectory is { } npm)
        {
            ListNpm(npm);
        }
        if (layout.CoreDirectory is { } core)
        {
            ListCore(core);
        }
    }

    public int Total => _records.Count + _upfront.Count;

    public IEnumerable<ImportRecord> Read(CancellationToken cancellationToken)
    {
        foreach (var record in _upfront)
        {
            yield return record;
        }
        foreach (var read in _records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return read();
        }
    }

    private void ListNpm(string directory)
    {
        var files = NswgLayout.NumberedFiles(directory).ToList();
        foreach (var (number, file) in files)
        {
            _records.Add(() => ReadRecord(file, entry => NswgRecords.Npm(file, entry, number)));
        }
        if (files.Count == 0)
        {
            ListIndex(Path.Combine(directory, NswgLayout.IndexFile), (file, key, entry) =>
                NswgFormat.IsNumberName(key) && long.TryParse(key, out var n)
                    ? NswgRecords.Npm(file, entry, n, key)
                    : ImportRecord.Failed(file, $"entry \"{key}\": the key is not a record number"));
        }
    }

    private void ListCore(string directory)
    {
        var index = Path.Combine(directory, NswgLayout.IndexFile);
        if (File.Exists(index))
        {
            ListIndex(index, NswgRecords.Core);
            return;
        }
        foreach (var (number, file) in NswgLayout.NumberedFiles(directory))
        {
            var key = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _records.Add(() => ReadRecord(file, entry => NswgRecords.Core(file, key, entry)));
        }
    }

    /// <summary>An index is one object of records keyed by number; it is parsed now so its size is known.</summary>
    private void ListIndex(string file, Func<string, string, JsonObject, ImportRecord> map)
    {
        if (!File.Exists(file))
        {
            return;
        }
        var (index, error) = ParseFile(file);
        if (index is null)
        {
            _upfront.Add(ImportRecord.Failed(file, error!));
            return;
        }
        foreach (var (key, value) in index)
        {
            _records.Add(() => value is JsonObject entry
                ? map(file, key, entry)
                : ImportRecord.Failed(file, $"entry \"{key}\": not an object"));
        }
    }

    private ImportRecord ReadRecord(string file, Func<JsonObject, ImportRecord> map)
    {
        var (entry, error) = ParseFile(file);
        return entry is null ? ImportRecord.Failed(file, error!) : map(entry);
    }

    private (JsonObject? Entry, string? Error) ParseFile(string file)
    {
        try
        {
            var length = new FileInfo(file).Length;
            if (length > _options.MaxFileBytes)
            {
                return (null, $"the file is {length} bytes, over the limit of {_options.MaxFileBytes}");
            }
            ReadOnlySpan<byte> bytes = File.ReadAllBytes(file);
            if (JsonErrors.InvalidUtf8(bytes) is { } encoding)
            {
                return (null, encoding);
            }
            var node = JsonNode.Parse(bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes, documentOptions: ParseOptions);
            return node is JsonObject entry ? (entry, null) : (null, "the top level is not a JSON object");
        }
        catch (JsonException exception)
        {
            return (null, JsonErrors.Describe(exception));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot be read: " + exception.Message);
        }
    }

    public void Dispose()
    {
    }
}
