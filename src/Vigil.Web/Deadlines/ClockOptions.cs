namespace Vigil.Web.Deadlines;

/// <summary>Configuration section <c>Vigil:Clock</c>.</summary>
public sealed class ClockOptions
{
    public const string Section = "Vigil:Clock";

    /// <summary>
    /// Seconds between passes of the deadline clock; 0 turns it off on this instance (another may run it).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 86_400)]
    public int IntervalSeconds { get; set; } = 60;
}
