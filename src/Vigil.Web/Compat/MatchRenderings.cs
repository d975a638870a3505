using System.Runtime.CompilerServices;
using Vigil.Core.Matching;

namespace Vigil.Web.Compat;

/// <summary>
/// The UTF-8 JSON a wire format writes for one <see cref="AffectingMatch"/>, made once and reused: a dense
/// 1,000-package answer carries over a thousand matches, and rendering them afresh was much of its cost
/// (docs/performance.md, benchmark c). A match is immutable and belongs to one index snapshot, so its
/// renderings are kept beside it for as long as it lives (<see cref="Of"/>) and go with its snapshot;
/// Core's match stays plain data. Requests share them across threads: two may render the same match at
/// once, and either result is the same bytes.
/// </summary>
public sealed class MatchRenderings
{
    private static readonly ConditionalWeakTable<AffectingMatch, MatchRenderings> Kept = new();

    /// <summary>OSV's vulnerability reference, <c>{"id":…,"modified":…}</c> (querybatch).</summary>
    public byte[]? OsvRef { get; set; }

    /// <summary>
    /// npm's bulk advisory; its <c>url</c> names this instance, so it is kept with the base URL it was made for.
    /// </summary>
    public UrlRendering? NpmBulk { get; set; }

    /// <summary>The renderings of <paramref name="match"/>, made on first use: most rows are never asked for.</summary>
    public static MatchRenderings Of(AffectingMatch match) => Kept.GetValue(match, static _ => new MatchRenderings());
}

/// <summary>A rendering that embeds this instance's public base URL.</summary>
public sealed record UrlRendering(string BaseUrl, byte[] Json);
