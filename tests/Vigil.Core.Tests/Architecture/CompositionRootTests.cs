using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core;
using Vigil.Core.Accounts;
using Vigil.Core.Audit;
using Vigil.Core.Data;
using Vigil.Core.Matching;
using Vigil.Core.Reports;
using Vigil.Testing;

namespace Vigil.Core.Tests.Architecture;

/// <summary>
/// One composition root for what the product does (docs/development.md, where each kind of rule lives):
/// <see cref="CoreServices.AddVigilCore"/> registers every use case for the server and the command line alike,
/// nothing in src/ creates a use case with <c>new</c>, and no use case has an optional dependency with a
/// fallback (a do-nothing implementation is registered instead).
/// A use case is a public class of Vigil.Core with a public <c>Execute</c>/<c>ExecuteAsync</c>, or one whose
/// public constructor takes the database or another use case (the readers and writers hosts call by other
/// names, such as <c>ServeBucket</c> or <c>ReportIntakeGate</c>).
/// </summary>
public class CompositionRootTests
{
    /// <summary>Use cases made elsewhere than the container, each with its reason.</summary>
    private static readonly Dictionary<Type, string> MadeElsewhere = new()
    {
        [typeof(AuditPackages)] = "vigil audit runs in the Native AOT executable, on a raw connection and "
            + "without a container",
        [typeof(ReportNotifier)] = "the server's IReportNotifier: the host supplies the notifier "
            + "(the command line and these tests a silent one)",
    };

    /// <summary>Use cases whose constructors may differ from the rule, each with its reason.</summary>
    private static readonly Dictionary<Type, string> ConstructedOtherwise = new()
    {
        [typeof(AuditPackages)] = "one constructor per database handle (the native audit's raw connection, the "
            + "managed context); the phase timings are vigil audit's optional --timings output",
    };

    /// <summary>What each host adds to <see cref="CoreServices.AddVigilCore"/> (see its summary).</summary>
    private static ServiceProvider HostProvider(bool validateOnBuild = false)
    {
        var target = DatabaseTarget.Sqlite(Path.Combine(Path.GetTempPath(), "vigil-composition-root.db"));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(target);
        services.AddVigilCore();
        services.AddSingleton<IReportNotifier>(SilentReportNotifier.Instance);
        services.AddDbContext<VigilDbContext>(options => VigilDatabase.Configure(options, target));
        services.AddIdentityCore<VigilUser>(AccountPolicy.Configure)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<VigilDbContext>()
            .AddTokenProvider<AccountLinkTokenProvider>(AccountLinkTokenProvider.ProviderName);
        // the server's matching index, sized by its options
        services.AddSingleton(sp => new AffectedIndex(target, sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromMinutes(1)));
        // the server's links in e-mails, on its public address
        services.AddSingleton(new AccountLinks("https://vigil.test/"));
        return services.BuildServiceProvider(new ServiceProviderOptions
        {
            ValidateOnBuild = validateOnBuild,
            ValidateScopes = true,
        });
    }

    private static IReadOnlyList<Type> Found()
    {
        var types = typeof(CoreServices).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !t.IsGenericTypeDefinition
                && !typeof(Exception).IsAssignableFrom(t) && t != typeof(VigilDbContext))
            .ToList();
        var found = types.Where(t => t
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Any(m => m.Name is "Execute" or "ExecuteAsync")).ToHashSet();
        // the readers and writers of the database by other names, and whatever takes a use case
        bool grew;
        do
        {
            grew = false;
            foreach (var type in types.Where(t => !found.Contains(t)))
            {
                if (type.GetConstructors().Any(c => c.GetParameters()
                    .Any(p => p.ParameterType == typeof(VigilDbContext) || found.Contains(p.ParameterType))))
                {
                    grew = found.Add(type);
                }
            }
        }
        while (grew);
        return [.. found.OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    public static TheoryData<string> UseCases() => [.. Found().Select(t => t.FullName!)];

    private static Type Named(string name) => Found().Single(t => t.FullName == name);

    [Fact]
    public void Found_IncludesTheUseCasesOfEveryShape()
    {
        var names = Found().Select(t => t.Name).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "SubmitReport", "ServeBucket", "ReportIntakeGate", "RunSync", "FirstSteps" }, names);
        Assert.True(names.Count > 80, $"only {names.Count} use cases found");
    }

    [Fact]
    public void AddVigilCore_WithWhatTheHostAdds_ConstructsEveryRegistration()
    {
        // ValidateOnBuild constructs every registration's dependencies: a missing one throws here
        using var provider = HostProvider(validateOnBuild: true);
    }

    [Theory]
    [MemberData(nameof(UseCases))]
    public void AddVigilCore_UseCase_IsResolvable(string name)
    {
        var type = Named(name);
        if (MadeElsewhere.ContainsKey(type))
        {
            return;
        }
        using var provider = HostProvider();
        using var scope = provider.CreateScope();

        var service = type.GetInterfaces().FirstOrDefault(i => i.Assembly == type.Assembly
            && scope.ServiceProvider.GetService(i)?.GetType() == type);

        Assert.True(service is not null || scope.ServiceProvider.GetService(type) is not null,
            $"{type.Name} is not registered in AddVigilCore (CoreServices.cs), as itself or as its interface");
    }

    [Theory]
    [MemberData(nameof(UseCases))]
    public void UseCase_Constructor_HasNoOptionalDependency(string name)
    {
        var type = Named(name);
        if (ConstructedOtherwise.ContainsKey(type))
        {
            return;
        }
        var nullability = new NullabilityInfoContext();

        var optional = type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Where(p => p.HasDefaultValue || nullability.Create(p).WriteState == NullabilityState.Nullable)
            .Select(p => $"{p.ParameterType.Name} {p.Name}")
            .ToList();

        Assert.True(optional.Count == 0,
            $"{type.Name} takes optional dependencies ({string.Join(", ", optional)}): make them required and "
            + "register a do-nothing implementation where nothing is done");
        Assert.True(type.GetConstructors().Length == 1,
            $"{type.Name} has several public constructors: the container picks one, callers could pick another");
    }

    [Fact]
    public void Sources_CreateNoUseCaseWithNew()
    {
        var names = Found().Where(t => !MadeElsewhere.ContainsKey(t)).Select(t => Regex.Escape(t.Name));
        var pattern = new Regex(@"\bnew\s+(?:[\w.]+\.)?(" + string.Join("|", names) + @")\s*\(");
        var src = Path.Combine(RepositoryFolder.Root, "src");
        var skipped = new[] { "bin", "obj", "Migrations" };

        var found = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(src, f).Split(Path.DirectorySeparatorChar)
                .Any(part => skipped.Contains(part)
                    || part.StartsWith("Vigil.Migrations.", StringComparison.Ordinal)))
            .Where(f => Path.GetFileName(f) != "CoreServices.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => pattern.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(src, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(found.Count == 0,
            "use cases come from the container (AddVigilCore), never from new:\n" + string.Join("\n", found));
    }
}
