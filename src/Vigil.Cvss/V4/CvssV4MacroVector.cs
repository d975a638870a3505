namespace Vigil.Cvss;

/// <summary>
/// The effective value of each scoring metric of a v4.0 vector and its MacroVector (v4.0 §8.2, Tables 24–29).
/// </summary>
internal sealed class CvssV4MacroVector
{
    private static readonly string[] ScoringMetrics =
        ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA", "E", "CR", "IR", "AR"];

    private readonly Dictionary<string, string> _effective = new(StringComparer.Ordinal);

    public CvssV4MacroVector(string[] values)
    {
        foreach (var metric in ScoringMetrics)
        {
            _effective[metric] = Effective(values, metric);
        }

        var msi = values[CvssV4Metrics.Table.IndexOf("MSI")];
        var msa = values[CvssV4Metrics.Table.IndexOf("MSA")];
        Eq1 = (this["AV"], this["PR"], this["UI"]) switch
        {
            ("N", "N", "N") => 0,
            (var av, var pr, var ui) when (av == "N" || pr == "N" || ui == "N") && av != "P" => 1,
            _ => 2,
        };
        Eq2 = this["AC"] == "L" && this["AT"] == "N" ? 0 : 1;
        Eq3 = this["VC"] == "H" && this["VI"] == "H" ? 0
            : this["VC"] == "H" || this["VI"] == "H" || this["VA"] == "H" ? 1
            : 2;
        Eq4 = msi == "S" || msa == "S" ? 0
            : this["SC"] == "H" || this["SI"] == "H" || this["SA"] == "H" ? 1
            : 2;
        Eq5 = this["E"] switch { "A" => 0, "P" => 1, _ => 2 };
        Eq6 = (this["CR"] == "H" && this["VC"] == "H") || (this["IR"] == "H" && this["VI"] == "H")
            || (this["AR"] == "H" && this["VA"] == "H")
            ? 0
            : 1;
    }

    public int Eq1 { get; }

    public int Eq2 { get; }

    public int Eq3 { get; }

    public int Eq4 { get; }

    public int Eq5 { get; }

    public int Eq6 { get; }

    /// <summary>The effective value of a scoring metric (AV … SA, E, CR, IR, AR).</summary>
    public string this[string metric] => _effective[metric];

    public override string ToString() => $"{Eq1}{Eq2}{Eq3}{Eq4}{Eq5}{Eq6}";

    /// <summary>
    /// "If E=X it will default to the worst case (i.e., E=A)" (Table 28); "If CR=X, IR=X or AR=X they
    /// will default to the worst case (i.e., CR=H, IR=H and AR=H)" (Table 29); a defined Modified Base
    /// metric replaces its Base metric (§4.2).
    /// </summary>
    private static string Effective(string[] values, string metric)
    {
        var table = CvssV4Metrics.Table;
        var value = values[table.IndexOf(metric)];
        if (value == "X")
        {
            return metric == "E" ? "A" : "H";
        }

        var modified = table.IndexOf("M" + metric);
        return modified >= 0 && values[modified] != "X" ? values[modified] : value;
    }
}
