using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core;
using Vigil.Core.Accounts;
using Vigil.Core.Data;
using Vigil.Core.Reports;

namespace Vigil.Cli.Commands.Admin;

/// <summary>
/// The use cases (<see cref="CoreServices.AddVigilCore"/>, as the server has them) and Identity's UserManager on
/// the command's database, with the same account rules as the server.
/// </summary>
internal sealed class AdminServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    private AdminServices(ServiceProvider provider)
    {
        _provider = provider;
        _scope = provider.CreateAsyncScope();
    }

    public VigilDbContext Db => _scope.ServiceProvider.GetRequiredService<VigilDbContext>();

    public TimeProvider Time => Get<TimeProvider>();

    /// <summary>A use case from <see cref="CoreServices.AddVigilCore"/>, on this command's database.</summary>
    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public UserManager<VigilUser> Users => _scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();

    public static async Task<AdminServices> OpenAsync(DatabaseOption database,
        System.CommandLine.ParseResult parseResult, CliConsole console, CancellationToken cancellationToken)
    {
        await (await database.OpenAsync(parseResult, console, cancellationToken)).DisposeAsync(); // migrates
        var target = database.Target(parseResult, console);
        var services = new ServiceCollection();
        services.AddLogging();
        // the use cases' options keep their defaults
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(target);
        services.AddVigilCore();
        services.AddSingleton<IReportNotifier>(SilentReportNotifier.Instance); // the command line sends nothing
        services.AddDbContext<VigilDbContext>(options => VigilDatabase.Configure(options, target));
        services.AddIdentityCore<VigilUser>(AccountPolicy.Configure)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<VigilDbContext>()
            .AddTokenProvider<AccountLinkTokenProvider>(AccountLinkTokenProvider.ProviderName);
        return new AdminServices(services.BuildServiceProvider());
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
