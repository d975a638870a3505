using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Vigil.Core.Accounts;
using Vigil.Core.Data;

namespace Vigil.Web.Accounts;

/// <summary>
/// Accounts: ASP.NET Core Identity with cookies for the pages and API tokens for scripts. A policy scheme
/// picks the token handler for <c>Authorization: Bearer vgl_…</c> on <c>/api</c> and the Identity cookie
/// everywhere else: the pages never authenticate a token, so a token cannot act through a page form, whatever
/// its scopes. On <c>/api</c>, <see cref="TokenScopeEnforcement"/> checks each endpoint's <see cref="TokenScope"/>.
/// Account rules: <see cref="AccountPolicy"/>.
/// </summary>
public static class AccountsSetup
{
    public const string Scheme = "Vigil";

    public static IServiceCollection AddVigilAccounts(this IServiceCollection services)
    {
        services.AddIdentity<VigilUser, IdentityRole<Guid>>(AccountPolicy.Configure)
            .AddEntityFrameworkStores<VigilDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddTokenProvider<AccountLinkTokenProvider>(AccountLinkTokenProvider.ProviderName)
            .AddClaimsPrincipalFactory<VigilClaimsFactory>();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/login";
            options.Cookie.Name = "vigil.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            // The JSON API answers 401/403 problem documents, never a redirect to the login page.
            options.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
        });
        // Every signed-in request checks the account's security stamp, so signing out, a new password or a changed
        // factor (each renews the stamp) ends the account's other sessions at once, on the server.
        // The refreshed principal keeps how the session signed in (amr=mfa after a second factor or a passkey).
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.Zero;
            options.OnRefreshingPrincipal = context =>
            {
                var identity = context.NewPrincipal?.Identities.FirstOrDefault();
                foreach (var claim in context.CurrentPrincipal?.Claims.Where(c =>
                    c.Type is VigilClaims.Amr or System.Security.Claims.ClaimTypes.AuthenticationMethod) ?? [])
                {
                    if (identity is not null && !identity.HasClaim(claim.Type, claim.Value))
                    {
                        identity.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
                    }
                }
                return Task.CompletedTask;
            };
        });
        services.AddAuthentication(options =>
            {
                // AddIdentity set the cookie as the default for authenticate and challenge; route both through
                // the selector.
                options.DefaultScheme = Scheme;
                options.DefaultAuthenticateScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
                options.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or API token", options => options.ForwardDefaultSelector = context =>
                CarriesApiToken(context.Request) ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        // Passkeys: the relying party id is the request's host unless set (a proxy in front may need it).
        services.AddOptions<IdentityPasskeyOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ServerDomain = configuration["Vigil:Accounts:PasskeyServerDomain"] is { Length: > 0 } domain
                ? domain
                : options.ServerDomain;
            options.ValidateOrigin = context => ValueTask.FromResult(
                PasskeyOrigin.IsAllowed(context, configuration[$"{ServerOptions.Section}:PublicUrl"]));
        });
        services.AddAuthorization();
        services.AddScoped<RecentProof>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AccountMailThrottle>();
        // Links in account e-mails use the configured public address, never the request's Host header.
        services.AddSingleton(sp => new AccountLinks(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Notifications.NotificationOptions>>()
                .Value.PublicBaseUrl
                ?? sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.PublicUrl
                ?? "http://localhost:8080"));
        return services;
    }

    /// <summary>
    /// Says at start-up, once, when no SMTP server is set: account e-mails (confirmation, reset) then stay queued, and
    /// people get in through <c>vigil admin user confirm</c> or <c>reset-link</c> instead.
    /// </summary>
    public static void WarnWithoutMail(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<Core.Notifications.EmailSender>().Configured)
        {
            app.Logger.LogWarning("No SMTP server is set (Vigil:Smtp:Host): e-mails stay queued, so new accounts get "
                + "no confirmation link and nobody gets a password reset link. Confirm an account with "
                + "'vigil admin user confirm --email E', or give its owner a link "
                + "with 'vigil admin user reset-link --email E'.");
        }
    }

    public const string ApiPath = "/api";

    /// <summary>
    /// A request to the JSON API with <c>Authorization: Bearer vgl_…</c>; anywhere else the header is ignored.
    /// </summary>
    public static bool CarriesApiToken(HttpRequest request) =>
        request.Path.StartsWithSegments(ApiPath)
        && request.Headers.Authorization.ToString()
            .StartsWith("Bearer " + ApiTokens.Prefix, StringComparison.OrdinalIgnoreCase);

    private static Task Deny(
        Microsoft.AspNetCore.Authentication.RedirectContext<
            Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context,
        int status)
    {
        if (context.Request.Path.StartsWithSegments(ApiPath))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
