using System.ComponentModel.DataAnnotations;

namespace Vigil.Core.Sync;

/// <summary>Configuration section <c>Vigil:Sync</c>: the sources <c>vigil serve</c> mirrors on a schedule
/// (docs/sync.md).</summary>
public sealed class SyncScheduleOptions
{
    public const string Section = "Vigil:Sync";

    /// <summary>Minutes between runs of each source; 0 turns the schedule off on this instance.</summary>
    [Range(0, 7 * 24 * 60)]
    public int IntervalMinutes { get; set; } = 60;

    public List<SyncSourceOptions> Sources { get; set; } = [];
}

/// <summary>One configured source: <c>Vigil:Sync:Sources:0:Name</c>, <c>…:Location</c>,
/// <c>…:Ecosystems:0</c>.</summary>
public sealed class SyncSourceOptions
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>An http(s):// URL, a file:// URL or a directory holding the OSV bucket layout.</summary>
    [Required]
    public string Location { get; set; } = "";

    public List<string> Ecosystems { get; set; } = [];
}
