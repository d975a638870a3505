using System.Text.Json;

namespace Vigil.Bench.Crash;

internal enum WriteKind
{
    Report,
    Comment,
    Note,
    Attachment,
    Accept,
    Publish,
    Import,
}

/// <summary>
/// A write the server acknowledged (a 2xx answer read in full, or an import that exited 0). Each names what must be
/// there afterwards by content the harness chose (a unique title, text or file name), so it can be found whether or
/// not the harness learnt the id the server gave it.
/// </summary>
internal sealed record Ack(
    WriteKind Kind,
    int Cycle,
    string Marker,
    long? ReportId = null,
    string? Text = null,
    string? Sha256 = null,
    string? AdvisoryId = null,
    IReadOnlyList<string>? ImportIds = null,
    string? FileName = null);

/// <summary>The harness's record of acknowledged writes, kept in memory and appended to a JSON-lines file.</summary>
internal sealed class Journal(string file)
{
    private readonly List<Ack> _acks = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<Ack> Snapshot()
    {
        lock (_lock)
        {
            return [.. _acks];
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _acks.Count;
            }
        }
    }

    public void Record(Ack ack)
    {
        lock (_lock)
        {
            _acks.Add(ack);
            File.AppendAllText(file, JsonSerializer.Serialize(ack) + "\n");
        }
    }
}
