using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Vigil.Web;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil serve [--database DB] [--urls URL]</c>: the public advisory database and its APIs on Kestrel
/// (docs/api.md).
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static Command Create(CliConsole console)
    {
        var database = new DatabaseOption();
        var urls = new Option<string>("--urls")
        {
            HelpName = "URL",
            Description =
                $"Where to listen, e.g. http://0.0.0.0:8080 (several separated by ';') [default: {DefaultUrls}]",
        };
        var command = new Command("serve", "Serve the advisory database: OSV API, npm audit endpoints, health check")
        {
            database, urls,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var target = database.Target(parseResult, console);
            var app = VigilWebApp.Build(["--urls", parseResult.GetValue(urls) ?? DefaultUrls], target);
            await console.Out.WriteLineAsync($"vigil serve: {target.Describe()}");
            await app.StartAsync(cancellationToken);
            // The bound addresses, so port 0 (any free port) can be read back.
            await console.Out.WriteLineAsync($"vigil serve: listening on {string.Join(' ', app.Urls)}");
            await app.WaitForShutdownAsync(cancellationToken);
            await app.DisposeAsync();
            return ExitCodes.Success;
        });
        return command;
    }
}
