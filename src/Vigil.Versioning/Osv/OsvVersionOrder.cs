using NuGet.Versioning;
using Vigil.Versioning.Npm;

namespace Vigil.Versioning.Osv;

/// <summary>
/// How the versions of an OSV range are ordered. SEMVER ranges use SemVer 2.0 precedence; ECOSYSTEM
/// ranges use the ecosystem's own order: npm → node-semver precedence (<see cref="NpmVersion"/>),
/// NuGet → <see cref="NuGetVersion"/>, anything else → SemVer 2.0 precedence after simple coercion.
/// </summary>
public abstract class OsvVersionOrder
{
    public static OsvVersionOrder Npm { get; } = new NpmOrder();

    public static OsvVersionOrder NuGet { get; } = new NuGetOrder();

    /// <summary>SemVer 2.0 precedence; <c>v1.2</c> is coerced to <c>1.2.0</c>.</summary>
    public static OsvVersionOrder SemVer2 { get; } = new SemVer2Order();

    /// <summary>The order for a range type within an ecosystem (the ecosystem's <c>:suffix</c> is ignored).</summary>
    public static OsvVersionOrder For(string ecosystem, string rangeType)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        if (rangeType == OsvRange.Semver)
        {
            return SemVer2;
        }

        int colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? ecosystem : ecosystem[..colon]) switch
        {
            "npm" => Npm,
            "NuGet" => NuGet,
            _ => SemVer2,
        };
    }

    /// <summary>Parses a version into a key ordered by <see cref="Compare"/>; false if this order can't read
    /// it.</summary>
    public abstract bool TryParse(string version, out object key);

    public abstract int Compare(object a, object b);

    private sealed class NpmOrder : OsvVersionOrder
    {
        public override bool TryParse(string version, out object key)
        {
            // npm itself is lenient with registry versions (npm audit parses with loose: true).
            bool ok = NpmVersion.TryParse(version, NpmSemverOptions.NpmAudit, out var v);
            key = v!;
            return ok;
        }

        public override int Compare(object a, object b) => ((NpmVersion)a).CompareTo((NpmVersion)b);
    }

    private sealed class NuGetOrder : OsvVersionOrder
    {
        public override bool TryParse(string version, out object key)
        {
            bool ok = NuGetVersion.TryParse(version, out var v);
            key = v!;
            return ok;
        }

        public override int Compare(object a, object b) =>
            VersionComparer.Default.Compare((NuGetVersion)a, (NuGetVersion)b);
    }

    private sealed class SemVer2Order : OsvVersionOrder
    {
        public override bool TryParse(string version, out object key)
        {
            bool ok = NpmVersion.TryParse(Coerce(version), NpmSemverOptions.NpmAudit, out var v);
            key = v!;
            return ok;
        }

        // node-semver's compare is SemVer 2.0 §11 precedence for valid versions.
        public override int Compare(object a, object b) => ((NpmVersion)a).CompareTo((NpmVersion)b);

        /// <summary><c>v1</c> → <c>1.0.0</c>, <c>1.2-rc1</c> → <c>1.2.0-rc1</c>: pad missing minor/patch.</summary>
        private static string Coerce(string version)
        {
            var text = version.Trim().TrimStart('v', 'V');
            int end = text.IndexOfAny(['-', '+']);
            var core = end < 0 ? text : text[..end];
            int dots = core.Count(c => c == '.');
            return dots >= 2
                ? text
                : core + string.Concat(Enumerable.Repeat(".0", 2 - dots)) + (end < 0 ? string.Empty : text[end..]);
        }
    }
}
