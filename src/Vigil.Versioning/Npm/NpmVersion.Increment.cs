using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Npm.Internal;

namespace Vigil.Versioning.Npm;

public sealed partial class NpmVersion
{
    /// <summary>
    /// <c>semver.inc(version, release, options, identifier, identifierBase)</c>; throws
    /// <see cref="InvalidOperationException"/> where node-semver throws (and <c>inc</c> returns null).
    /// </summary>
    public NpmVersion Increment(NpmReleaseType release, string? identifier = null,
        NpmIdentifierBase identifierBase = NpmIdentifierBase.Zero, NpmSemverOptions options = default) =>
        TryIncrement(release, identifier, identifierBase, options, out var result)
            ? result
            : throw new InvalidOperationException(
                $"Cannot increment {this} by {release} with identifier '{identifier}'.");

    /// <inheritdoc cref="Increment"/>
    public bool TryIncrement(NpmReleaseType release, string? identifier, NpmIdentifierBase identifierBase,
        NpmSemverOptions options, [NotNullWhen(true)] out NpmVersion? result)
    {
        var draft = new Draft(Major, Minor, Patch, [.. _prerelease]);
        result = draft.Inc(release, string.IsNullOrEmpty(identifier) ? null : identifier, identifierBase, options.Loose)
            ? new NpmVersion(draft.Major, draft.Minor, draft.Patch, [.. draft.Pre], _build)
            : null;
        return result is not null;
    }

    /// <summary>
    /// <c>semver.truncate(version, release)</c> (7.8): zero everything below <paramref name="release"/>
    /// and drop the prerelease; the <c>pre*</c> kinds return the version unchanged. No build metadata.
    /// </summary>
    public NpmVersion Truncate(NpmReleaseType release) => release switch
    {
        NpmReleaseType.Release or NpmReleaseType.Pre =>
            throw new ArgumentOutOfRangeException(nameof(release), release, "truncate accepts RELEASE_TYPES only"),
        _ when NpmReleaseTypeNames.IsPre(release) => new NpmVersion(Major, Minor, Patch, _prerelease, []),
        NpmReleaseType.Major => new NpmVersion(Major, 0, 0, NoPrerelease, []),
        NpmReleaseType.Minor => new NpmVersion(Major, Minor, 0, NoPrerelease, []),
        _ => new NpmVersion(Major, Minor, Patch, NoPrerelease, []),
    };

    /// <summary>Mutable twin of node-semver's <c>SemVer.inc</c>, which mutates in place.</summary>
    private sealed class Draft(long major, long minor, long patch, List<NpmPrereleaseIdentifier> pre)
    {
        public long Major = major;
        public long Minor = minor;
        public long Patch = patch;
        public List<NpmPrereleaseIdentifier> Pre = pre;

        public bool Inc(NpmReleaseType release, string? identifier, NpmIdentifierBase identifierBase, bool loose)
        {
            if (NpmReleaseTypeNames.IsPre(release)
                && ((identifier is null && identifierBase == NpmIdentifierBase.None)
                    || (identifier is not null && !IsValidIdentifier(identifier, loose))))
            {
                return false;
            }

            switch (release)
            {
                case NpmReleaseType.PreMajor:
                    (Pre, Patch, Minor) = ([], 0, 0);
                    Major++;
                    return Inc(NpmReleaseType.Pre, identifier, identifierBase, loose);
                case NpmReleaseType.PreMinor:
                    (Pre, Patch) = ([], 0);
                    Minor++;
                    return Inc(NpmReleaseType.Pre, identifier, identifierBase, loose);
                case NpmReleaseType.PrePatch:
                    Pre = [];
                    return Inc(NpmReleaseType.Patch, identifier, identifierBase, loose)
                        && Inc(NpmReleaseType.Pre, identifier, identifierBase, loose);
                case NpmReleaseType.PreRelease:
                    return (Pre.Count > 0 || Inc(NpmReleaseType.Patch, identifier, identifierBase, loose))
                        && Inc(NpmReleaseType.Pre, identifier, identifierBase, loose);
                case NpmReleaseType.Release:
                    if (Pre.Count == 0)
                    {
                        return false; // "version is not a prerelease"
                    }

                    Pre = [];
                    return true;
                case NpmReleaseType.Major:
                    // 1.0.0-5 bumps to 1.0.0; 1.1.0 bumps to 2.0.0
                    Major += Minor != 0 || Patch != 0 || Pre.Count == 0 ? 1 : 0;
                    (Minor, Patch, Pre) = (0, 0, []);
                    return true;
                case NpmReleaseType.Minor:
                    Minor += Patch != 0 || Pre.Count == 0 ? 1 : 0;
                    (Patch, Pre) = (0, []);
                    return true;
                case NpmReleaseType.Patch:
                    Patch += Pre.Count == 0 ? 1 : 0;
                    Pre = [];
                    return true;
                default:
                    return IncPrerelease(identifier, identifierBase);
            }
        }

        private bool IncPrerelease(string? identifier, NpmIdentifierBase identifierBase)
        {
            var numberBase = NpmPrereleaseIdentifier.FromNumber(identifierBase == NpmIdentifierBase.One ? 1 : 0);
            if (Pre.Count == 0)
            {
                Pre = [numberBase];
            }
            else
            {
                int i = Pre.FindLastIndex(p => p.IsNumeric);
                if (i >= 0)
                {
                    Pre[i] = NpmPrereleaseIdentifier.FromNumber(Pre[i].NumericValue + 1);
                }
                else
                {
                    if (identifier == string.Join('.', Pre) && identifierBase == NpmIdentifierBase.None)
                    {
                        return false; // "identifier already exists"
                    }

                    Pre.Add(numberBase);
                }
            }

            if (identifier is null)
            {
                return true;
            }

            // 1.2.0-beta.1 bumps to 1.2.0-beta.2; 1.2.0-beta.fooblz or 1.2.0-beta bumps to 1.2.0-beta.0
            var replacement = SplitPrerelease(identifier).ToList();
            if (identifierBase != NpmIdentifierBase.None)
            {
                replacement.Add(numberBase);
            }

            var parts = identifier.Split('.');
            bool sameIdentifier = parts.Length <= Pre.Count
                && parts.Select((p, k) => Pre[k].CompareTo(NpmPrereleaseIdentifier.FromText(p)) == 0).All(b => b);
            if (!sameIdentifier || parts.Length >= Pre.Count || IsNaN(Pre[parts.Length]))
            {
                Pre = replacement;
            }

            return true;
        }

        private static bool IsNaN(NpmPrereleaseIdentifier id) => !id.IsNumeric && JsText.IsNaN(id.ToString());

        /// <summary><c>`-${identifier}`.match(PRERELEASE(LOOSE))[1] === identifier</c>.</summary>
        private static bool IsValidIdentifier(string identifier, bool loose)
        {
            var text = "-" + identifier;
            var capture = NpmGrammar.Prerelease(text, 0, loose);
            return capture.Start == 1 && capture.End == text.Length;
        }
    }
}
