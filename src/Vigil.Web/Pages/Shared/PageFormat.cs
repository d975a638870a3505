using System.Globalization;
using Vigil.Core.Clock;

namespace Vigil.Web.Pages.Shared;

public static class PageFormat
{
    /// <summary>A day in a list, a table or a fact line ("9 Dec 2026"); see <see cref="DateWords"/>.</summary>
    public static string Day(DateTimeOffset instant) => DateWords.Short(instant);

    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Count(int count, string one, string many) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
