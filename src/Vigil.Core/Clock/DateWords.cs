using System.Globalization;

namespace Vigil.Core.Clock;

/// <summary>
/// Dates as people read them, in UTC, wherever Vigil writes one for a person: pages, the timeline, e-mails and error
/// messages ("Wednesday 9 December 2026, 14:00 UTC"). Machine formats stay in machine places (JSON, the
/// <c>datetime</c> attribute, feeds).
/// </summary>
public static class DateWords
{
    /// <summary>A day: "Wednesday 9 December 2026".</summary>
    public static string Day(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A day in a list or a table, where the weekday is noise: "9 Dec 2026".</summary>
    public static string Short(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment: "Wednesday 9 December 2026, 14:00 UTC".</summary>
    public static string Moment(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
