using Microsoft.Extensions.FileProviders;
using Vigil.Web.Pages.Advisories;
using Vigil.Web.Pages.Download;
using Vigil.Web.Pages.Feeds;

namespace Vigil.Web.Pages;

/// <summary>The public web pages (Razor Pages), their static files, the Atom feeds and the bulk download.</summary>
public static class PagesSetup
{
    public const string StaticPath = "/static";

    public static IServiceCollection AddVigilPages(this IServiceCollection services)
    {
        services.AddRazorPages();
        services.AddSingleton<AdvisoryMarkdown>();
        services.AddAdvisoryPageCache();
        return services;
    }

    public static WebApplication MapVigilPages(this WebApplication app)
    {
        // wwwroot is embedded in the assembly: `vigil serve` runs from another directory than the project.
        // Under /static/ because npm's registry routes own every one-segment path (/{name}).
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(PagesSetup).Assembly, "Vigil.Web.wwwroot"),
            RequestPath = StaticPath,
        });
        app.MapRazorPages();
        app.MapFeedEndpoints();
        app.MapDownloadEndpoints();
        return app;
    }
}
