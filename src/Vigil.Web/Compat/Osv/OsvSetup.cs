namespace Vigil.Web.Compat.Osv;

public static class OsvSetup
{
    /// <summary>The OSV API's page sizes (<c>Vigil:Osv</c>) and its page tokens.</summary>
    public static IServiceCollection AddVigilOsv(this IServiceCollection services)
    {
        services.AddOptions<OsvApiOptions>()
            .BindConfiguration(OsvApiOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddDataProtection();
        services.AddSingleton<OsvPageTokens>();
        return services;
    }
}
