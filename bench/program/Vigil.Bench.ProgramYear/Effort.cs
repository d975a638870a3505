namespace Vigil.Bench.ProgramYear;

/// <summary>What the team has to work with: today's actions only, or the features that help it keep up.</summary>
internal sealed record TeamPractice(bool Groups, bool SavedReplies, bool Bulk)
{
    public static readonly TeamPractice Today = new(false, false, false);

    /// <summary><c>today</c>, or the features the team uses joined by <c>+</c> (<c>groups</c>).</summary>
    public static TeamPractice Parse(string value)
    {
        var parts = value.Split('+');
        return value == "today"
            ? Today
            : new TeamPractice(parts.Contains("groups"), parts.Contains("replies"), parts.Contains("bulk"));
    }

    public string Label => this == Today
        ? "today"
        : string.Join("+", new[] { Groups ? "groups" : null, SavedReplies ? "replies" : null, Bulk ? "bulk" : null }
            .OfType<string>());
}

/// <summary>
/// The minutes a triager spends on each step (docs/performance.md states the model). Each base figure is varied by a
/// uniform factor of 0.75–1.5 per occurrence: people are slower more often than faster.
/// </summary>
internal sealed class Effort(Random random, TeamPractice practice)
{
    /// <summary>Reading the report as submitted.</summary>
    public double Read(ReportKind kind) => Vary(kind switch
    {
        ReportKind.Spam => 2,
        ReportKind.OutOfScope => 4,
        ReportKind.AiWrittenNoPoc => 10, // long, plausible text that has to be read to the end
        _ => 6,
    });

    /// <summary>
    /// Running the proof of concept: it works for a valid report and fails, after trying, for an AI-written one.
    /// </summary>
    public double Reproduce(ReportKind kind) => kind switch
    {
        ReportKind.Valid => Vary(10),
        ReportKind.AiWrittenNoPoc => Vary(12),
        _ => 0,
    };

    /// <summary>
    /// Opening each report or advisory listed as naming the same package and comparing it (at most three).
    /// </summary>
    public double Compare(int candidates) => Vary(4) * Math.Min(candidates, 3);

    /// <summary>Writing the answer to the reporter; a saved reply is picked and adjusted instead.</summary>
    public double Write(Decision decision) => practice.SavedReplies ? Vary(1) : Vary(decision switch
    {
        Decision.Accept => 3,
        Decision.Ask => 5,
        _ => 4,
    });

    /// <summary>Looking up the package's maintainers and inviting them.</summary>
    public double Invite(int maintainers) => Vary(3 + (maintainers - 1));

    /// <summary>Reading a maintainer's answer and replying.</summary>
    public double MaintainerAnswer() => Vary(5);

    /// <summary>A maintainer disputes the report: re-checking the finding and writing the team's position.</summary>
    public double Dispute() => Vary(20);

    /// <summary>Agreeing the disclosure date once the fix is out.</summary>
    public double DisclosureDate() => Vary(3);

    /// <summary>
    /// A group of duplicates: confirming each member repeats the lead (its similarity reason is shown).
    /// </summary>
    public double ConfirmGroupMember() => Vary(1);

    /// <summary>Selecting one item of a bulk action (the action's text is written once).</summary>
    public double BulkItem() => Vary(0.5);

    private double Vary(double minutes) => minutes * (0.75 + random.NextDouble() * 0.75);
}

internal enum Decision
{
    Accept,
    Reject,
    Ask,
}
