using System.ComponentModel.DataAnnotations;
using Vigil.Core.Matching;

namespace Vigil.Web;

/// <summary>Configuration section <c>Vigil</c>.</summary>
public sealed class ServerOptions
{
    public const string Section = "Vigil";

    /// <summary>
    /// A SQLite file, SQLite or PostgreSQL connection string, or postgres:// URL (DatabaseTarget.Parse); empty =
    /// the default file.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>
    /// Base URL used in links this server hands out (npm advisory urls); default: the request's scheme and host.
    /// </summary>
    [Url]
    public string? PublicUrl { get; set; }

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Largest request body accepted after decompression (gzip bomb guard), in bytes.</summary>
    [Range(1024, 1L << 30)]
    public long MaxDecompressedBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// How often (seconds) the in-memory matching index checks the database for changed advisories; 0 =
    /// on every request. Imports and other server instances are seen within this interval.
    /// </summary>
    [Range(0, 3600)]
    public double IndexRefreshSeconds { get; set; } = 2;

    /// <summary>
    /// How many (ecosystem, package, version) match results the matching index remembers until the data
    /// changes (about 100 bytes each); 0 = none, every version is tested against every range each time.
    /// </summary>
    [Range(0, 10_000_000)]
    public int MatchCacheEntries { get; set; } = AffectedSnapshot.DefaultMatchCacheEntries;
}
