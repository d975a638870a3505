using System.Globalization;

namespace Vigil.Core.Programs;

/// <summary>
/// Business days: Monday–Friday in the program's time zone, minus configured holidays.
/// A deadline of N business days after an instant is reached when N × 24 hours of business-day time
/// have passed, counted on the local wall clock: time on weekends and holidays does not count. So a
/// report filed Friday 17:00 is due 2 business days later on Tuesday 17:00; one filed on Saturday
/// starts counting Monday 00:00 and is due Wednesday 00:00 (the end of Tuesday). Wall-clock time keeps
/// deadlines at the hour people expect across daylight-saving changes; a local time that does not exist
/// (the spring-forward gap) moves forward by the gap, and an ambiguous one (fall back) takes the later
/// instant.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessCalendar(TimeZoneInfo zone, IEnumerable<DateOnly> holidays)
    {
        _zone = zone;
        _holidays = [.. holidays];
    }

    public static BusinessCalendar For(ProgramEntity program) => new(
        TimeZoneInfo.FindSystemTimeZoneById(program.TimeZone),
        program.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>The instant <paramref name="days"/> business days after <paramref name="start"/>.</summary>
    public DateTimeOffset AddBusinessDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var remaining = TimeSpan.FromDays(days);
        var cursor = TimeZoneInfo.ConvertTime(start, _zone).DateTime;
        if (!IsBusinessDay(DateOnly.FromDateTime(cursor)))
        {
            cursor = NextBusinessDayStart(cursor.Date);
        }
        while (true)
        {
            var endOfDay = cursor.Date.AddDays(1);
            var available = endOfDay - cursor;
            if (remaining <= available)
            {
                return ToInstant(cursor + remaining);
            }
            remaining -= available;
            cursor = IsBusinessDay(DateOnly.FromDateTime(endOfDay)) ? endOfDay : NextBusinessDayStart(endOfDay);
        }
    }

    /// <summary>Business time left until <paramref name="deadline"/>, counted the same way (negative when overdue, in
    /// plain hours).</summary>
    public TimeSpan BusinessTimeUntil(DateTimeOffset now, DateTimeOffset deadline)
    {
        if (deadline <= now)
        {
            return deadline - now;
        }
        var total = TimeSpan.Zero;
        var cursor = TimeZoneInfo.ConvertTime(now, _zone).DateTime;
        var end = TimeZoneInfo.ConvertTime(deadline, _zone).DateTime;
        while (cursor < end)
        {
            var endOfDay = cursor.Date.AddDays(1);
            var stop = endOfDay < end ? endOfDay : end;
            if (IsBusinessDay(DateOnly.FromDateTime(cursor)))
            {
                total += stop - cursor;
            }
            cursor = stop;
        }
        return total;
    }

    private DateTime NextBusinessDayStart(DateTime day)
    {
        var next = day.Date;
        do
        {
            next = next.AddDays(1);
        }
        while (!IsBusinessDay(DateOnly.FromDateTime(next)));
        return next;
    }

    private DateTimeOffset ToInstant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(local))
        {
            // Spring forward: 02:30 does not exist; the clock reads 03:30 at that moment.
            var gap = _zone.GetAdjustmentRules()
                .Where(r => r.DateStart <= local && r.DateEnd >= local)
                .Select(r => r.DaylightDelta)
                .DefaultIfEmpty(TimeSpan.FromHours(1))
                .First();
            local += gap;
        }
        var offset = _zone.IsAmbiguousTime(local)
            ? _zone.GetAmbiguousTimeOffsets(local).Min()
            : _zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
