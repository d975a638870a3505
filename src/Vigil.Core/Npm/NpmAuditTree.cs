namespace Vigil.Core.Npm;

/// <summary>
/// The tree npm ≤ 10 (quick-audit fallback), pnpm ≤ 10 and yarn 1 post to the v6 audit endpoints
/// (npm ≤ 10, yarn and pnpm; docs/api.md): the root's <see cref="Requires"/> (name → spec) and
/// the lockfile-v1 style nested <see cref="Dependencies"/>. npm 10 sends no dependencies for a v3 lockfile,
/// only the root's requires.
/// </summary>
public sealed record NpmAuditTree(IReadOnlyDictionary<string, string> Requires,
    IReadOnlyList<NpmAuditNode> Dependencies);

/// <summary>One installed package: its key in the parent's <c>dependencies</c>, its <c>version</c> and flags.</summary>
public sealed record NpmAuditNode(
    string Name, string Version, bool Dev, bool Optional, bool Bundled, IReadOnlyList<NpmAuditNode> Dependencies);
