using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Cli;

/// <summary>
/// The command line's composition: the use cases (<see cref="CoreServices.AddVigilCore"/>, as the server has
/// them) and Identity's UserManager on the command's database, with the same account rules as the server, and
/// the console's clock (<see cref="CliConsole.Time"/>). Every command that works on the database takes its use
/// cases from here.
/// </summary>
internal sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    private CliServices(ServiceProvider provider)
    {
        _provider = provider;
        _scope = provider.CreateAsyncScope();
    }

    public VigilDbContext Db => _scope.ServiceProvider.GetRequiredService<VigilDbContext>();

    public TimeProvider Time => Get<TimeProvider>();

    /// <summary>A use case from <see cref="CoreServices.AddVigilCore"/>, on this command's database.</summary>
    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public UserManager<VigilUser> Users => _scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();

    public static async Task<CliServices> OpenAsync(DatabaseOption database,
        System.CommandLine.ParseResult parseResult, CliConsole console, CancellationToken cancellationToken)
    {
        await (await database.OpenAsync(parseResult, console, cancellationToken)).DisposeAsync(); // migrates
        var target = database.Target(parseResult, console);
        var services = new ServiceCollection();
        services.AddLogging();
        // the use cases' options keep their defaults
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(target);
        services.AddSingleton(console.Time);
        services.AddVigilCore();
        services.AddSingleton<IReportNotifier>(SilentReportNotifier.Instance); // the command line sends nothing
        services.AddDbContext<VigilDbContext>(options => VigilDatabase.Configure(options, target));
        services.AddIdentityCore<VigilUser>(AccountPolicy.Configure)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<VigilDbContext>()
            .AddTokenProvider<AccountLinkTokenProvider>(AccountLinkTokenProvider.ProviderName);
        return new CliServices(services.BuildServiceProvider());
    }

    public async Task<VigilUser> UserAsync(string email) =>
        await Users.FindByEmailAsync(email.Trim())
            ?? throw new CliException($"no account with the e-mail address '{email}'", ExitCodes.Failure);

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
