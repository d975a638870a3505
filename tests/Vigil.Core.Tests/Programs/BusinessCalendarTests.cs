using System.Globalization;
using Vigil.Core.Programs;

namespace Vigil.Core.Tests.Programs;

public class BusinessCalendarTests
{
    // "Business days: Monday–Friday in the program's time zone, minus configured holidays."
    // Rule 2: "within 2 business days of submission a triage team member answers".
    public static TheoryData<string, string, int, string, string> Deadlines => new()
    {
        // zone, submitted (local), days, holidays, due (local)
        { "UTC", "2026-11-25 09:00", 2, "", "2026-11-27 09:00" },             // Wednesday → Friday
        { "UTC", "2026-11-27 17:00", 2, "", "2026-12-01 17:00" },             // Friday 17:00 → Tuesday 17:00
        { "UTC", "2026-11-28 10:00", 2, "", "2026-12-02 00:00" },             // Saturday: counting starts Monday 00:00
        { "UTC", "2026-11-29 23:59", 1, "", "2026-12-01 00:00" },             // Sunday → end of Monday
        { "UTC", "2026-11-27 17:00", 2, "2026-11-30", "2026-12-02 17:00" },   // holiday Monday skipped
        { "UTC", "2026-12-24 12:00", 2, "2026-12-25", "2026-12-29 12:00" },   // Thursday before a Friday holiday
        { "UTC", "2026-11-25 09:00", 0, "", "2026-11-25 09:00" },
        { "Europe/Berlin", "2026-03-27 10:00", 2, "", "2026-03-31 10:00" },   // over the spring DST change (29 March)
        { "Europe/Berlin", "2026-10-23 10:00", 2, "", "2026-10-27 10:00" },   // over the autumn DST change (25 October)
        { "America/New_York", "2026-11-27 17:00", 2, "", "2026-12-01 17:00" },
        { "Asia/Tokyo", "2026-11-27 23:30", 1, "", "2026-11-30 23:30" },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void AddBusinessDays_Table_DueAtTheLocalTimeExpected(string zone, string submitted, int days,
        string holidays, string due)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var calendar = new BusinessCalendar(tz, holidays.Length == 0 ? [] : holidays.Split(',').Select(DateOnly.Parse));
        var start = Local(tz, submitted);

        var result = calendar.AddBusinessDays(start, days);

        Assert.Equal(due,
            TimeZoneInfo.ConvertTime(result, tz).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AddBusinessDays_LandsInTheSpringForwardGap_MovesForwardByTheGap()
    {
        // Egypt starts daylight saving on the last Friday of April at 00:00 (clocks jump to 01:00), so
        // Thursday 00:30 + 1 business day is a Friday 00:30 that does not exist: the clock then reads 01:30.
        var tz = TimeZoneInfo.FindSystemTimeZoneById("Africa/Cairo");
        var calendar = new BusinessCalendar(tz, []);
        Assert.True(tz.IsInvalidTime(new DateTime(2026, 4, 24, 0, 30, 0)), "tzdata should know Egypt's 2026 DST start");

        var result = calendar.AddBusinessDays(Local(tz, "2026-04-23 00:30"), 1);

        Assert.Equal("2026-04-24 01:30",
            TimeZoneInfo.ConvertTime(result, tz).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        // the skipped hour is not lost time
        Assert.Equal(TimeSpan.FromHours(24), result - Local(tz, "2026-04-23 00:30"));
    }

    [Fact]
    public void BusinessTimeUntil_OverAWeekend_CountsOnlyBusinessHours()
    {
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, []);
        var friday = Local(TimeZoneInfo.Utc, "2026-11-27 17:00");

        var left = calendar.BusinessTimeUntil(friday, calendar.AddBusinessDays(friday, 2));

        Assert.Equal(TimeSpan.FromHours(48), left);
    }

    [Fact]
    public void BusinessTimeUntil_Overdue_IsNegative()
    {
        var calendar = new BusinessCalendar(TimeZoneInfo.Utc, []);
        var now = Local(TimeZoneInfo.Utc, "2026-11-27 17:00");

        Assert.Equal(TimeSpan.FromHours(-2), calendar.BusinessTimeUntil(now, now.AddHours(-2)));
    }

    private static DateTimeOffset Local(TimeZoneInfo tz, string text)
    {
        var local = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, tz.GetUtcOffset(local));
    }
}
