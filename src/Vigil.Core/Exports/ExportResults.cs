namespace Vigil.Core.Exports;

/// <summary>An advisory that was not written, and why.</summary>
public sealed record ExportProblem(string Advisory, string Reason)
{
    public override string ToString() => $"{Advisory}: {Reason}";
}

/// <summary>How far an export is: <see cref="Done"/> of <see cref="Total"/> stored advisories looked at.</summary>
public sealed record ExportProgress(int Done, int Total);

/// <summary>
/// The outcome of <see cref="ExportAdvisories"/>: advisories written, advisories the format cannot hold
/// (e.g. a PyPI advisory in the WG's npm format, or a withdrawn one), files written, and problems.
/// </summary>
public sealed record ExportSummary(
    string Format,
    string Directory,
    int Written,
    int NotApplicable,
    int Files,
    IReadOnlyList<ExportProblem> Problems);
