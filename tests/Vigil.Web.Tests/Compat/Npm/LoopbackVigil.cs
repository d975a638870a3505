using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Compat.Npm;

/// <summary>
/// Vigil on a loopback Kestrel port, built by <see cref="VigilWebApp.Build"/> exactly as `vigil serve` builds
/// it, on a fresh database seeded with the GHSA examples; plus a scratch project holding a copied lockfile.
/// A recording middleware in front notes each request ("POST /path"); with <c>failBulk</c> it answers the bulk
/// endpoint 404, as a registry without it would, so npm 10 takes its audits/quick fallback.
/// </summary>
public sealed class LoopbackVigil : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly WebApplication _app;
    private readonly DirectoryInfo _work;

    private LoopbackVigil(TestDatabase database, WebApplication app, DirectoryInfo work)
    {
        _database = database;
        _app = app;
        _work = work;
    }

    public string Url => _app.Urls.Single().TrimEnd('/');

    public string Work => _work.FullName;

    public DatabaseTarget Target => _database.Target;

    public IServiceProvider Services => _app.Services;

    public ConcurrentQueue<string> Requests { get; private set; } = new();

    public static async Task<LoopbackVigil> StartAsync(
        DatabaseProvider provider, string? upstream = null, bool failBulk =
            false, IEnumerable<Vigil.Core.Advisories.Osv.OsvVulnerability>? more = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await Advisories.SeedAsync(database.Target, [.. Advisories.Examples(), .. more ?? []]);
        var requests = new ConcurrentQueue<string>();
        var app =
            VigilWebApp.Build(
                ["--urls", "http://127.0.0.1:0", $"--Vigil:Reports:MasterKey={Infrastructure.VigilFactory.MasterKey}"],
            database.Target, builder =>
        {
            if (upstream is not null)
            {
                builder.WebHost.UseSetting("Vigil:Npm:Upstream", upstream);
            }
            builder.Services.AddSingleton<IStartupFilter>(new Recorder(requests, failBulk));
        });
        await app.StartAsync(WebTest.Ct);
        var vigil = new LoopbackVigil(database, app, Directory.CreateTempSubdirectory("vigil-npm-clients-"));
        vigil.Requests = requests;
        return vigil;
    }

    /// <summary>
    /// A project directory with the files of the recorded lockfile fixture <paramref name="lockfile"/>.
    /// </summary>
    public string Project(string lockfile, params string[] files)
    {
        var source = SharedData.Path("specs", "lockfiles", lockfile);
        var project = Directory.CreateDirectory(Path.Combine(Work, "project")).FullName;
        foreach (var file in files)
        {
            File.Copy(Path.Combine(source, file), Path.Combine(project, file));
        }
        return project;
    }

    /// <summary>The npm advisory id Vigil hands out for an advisory's affected entry (Number * 1000 + index).</summary>
    public async Task<long> NpmIdAsync(string osvId, int index)
    {
        await using var db = _database.Open();
        return await db.Advisories.Where(a => a.Id == osvId).Select(a => a.Number).SingleAsync(WebTest.Ct) * 1000
            + index;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _work.Delete(recursive: true);
        await _database.DisposeAsync();
    }

    private sealed class Recorder(ConcurrentQueue<string> requests, bool failBulk) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
                if (failBulk && context.Request.Path == "/-/npm/v1/security/advisories/bulk")
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                await following(context);
            });
            next(app);
        };
    }
}
