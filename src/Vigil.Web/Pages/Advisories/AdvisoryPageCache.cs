using Microsoft.AspNetCore.OutputCaching;
using Vigil.Core.Data;
using Vigil.Core.Matching;

namespace Vigil.Web.Pages.Advisories;

/// <summary>
/// Output caching for the advisory page (docs/performance.md, benchmark c): a page is rendered once per
/// version of the data and then served from memory, so a request costs the version read (indexed <c>max()</c>
/// reads, <see cref="AffectedIndex.ReadStampAsync"/> and the newest VEX document) and a cache lookup instead of
/// loading and rendering the advisory. Any change to an advisory moves the newest <c>modified</c> or number, and a
/// published VEX document the newest VEX id, hence the key; <see cref="MaxAge"/> bounds staleness for a change
/// the stamp cannot see. ASP.NET Core's default policy applies on top: only anonymous GET/HEAD answered 200
/// without cookies are cached, so a signed-in visitor's page (its header names the account) is always rendered
/// for them.
/// </summary>
public static class AdvisoryPageCache
{
    public const string PolicyName = "advisory-page";

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddAdvisoryPageCache(this IServiceCollection services) =>
        services.AddOutputCache(options => options.AddPolicy(PolicyName, policy => policy
            .Expire(MaxAge)
            .VaryByValue(async (context, cancellationToken) =>
            {
                var db = context.RequestServices.GetRequiredService<VigilDbContext>();
                // The page links the advisory's published VEX documents: a new one changes the key too.
                return new KeyValuePair<string, string>("advisories",
                    $"{await AffectedIndex.ReadStampAsync(db, cancellationToken)}"
                    + $"/vex{await Core.Vex.ListVexDocuments.StampAsync(db, cancellationToken)}");
            })));
}
