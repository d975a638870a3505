using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Errors;
using Vigil.Core.Programs;
using Vigil.Core.Reports;
using Vigil.Core.SavedReplies;
using Vigil.Web.Operations;
using Vigil.Web.Pages.Shared;

namespace Vigil.Web.Pages.Programs;

/// <summary>
/// The team's queue: the program's open reports, most urgent deadline first, the members of a group of possible
/// duplicates together; and one form for the new reports chosen, rejected or asked the same question in one step
/// (<see cref="TriageMany"/>: all or none). Anyone else: 404.
/// </summary>
public sealed class QueueModel(ListTriageQueue queue, GetProgramWorkload workload, ListSavedReplies savedReplies)
    : UseCasePageModel
{
    public string Slug { get; private set; } = "";
    public IReadOnlyList<QueueItem>? Items { get; private set; }

    /// <summary>Whether the viewer administers the program (and so may open its workload).</summary>
    public bool ShowWorkload { get; private set; }

    /// <summary>The program's saved replies as written (placeholders filled for each report when sent).</summary>
    public IReadOnlyList<SavedReplyView> SavedReplies { get; private set; } = [];

    /// <summary>What the failed form held, shown again: the reports chosen, the action, reason, note and question.
    /// </summary>
    public IReadOnlyList<long> Selected { get; private set; } = [];
    public string? Reason { get; private set; }
    public string? Note { get; private set; }
    public string? Question { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Slug = slug;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Form fields <c>ids</c> (each report chosen), <c>action</c> (<c>reject</c> with <c>reason</c> and an optional
    /// <c>note</c>, or <c>ask</c> with <c>question</c>, or with <c>savedReply</c> when the question is left empty).
    /// </summary>
    public Task<IActionResult> OnPostTriageAsync(string slug, string[]? ids, string? action, string? reason,
        string? note, string? question, long? savedReply, [FromServices] TriageMany triage, CancellationToken ct)
    {
        Slug = slug;
        (Reason, Note, Question) = (reason, note, question);
        return FormAsync("Triage", async () =>
        {
            var actor = ApiActor.From(HttpContext);
            var chosen = Ids(ids ?? []);
            Selected = chosen;
            var done = action switch
            {
                "reject" => await triage.ExecuteAsync(slug, actor, chosen, BulkTriage.Reject,
                    ReportStates.TryParseReason(reason, out var why) ? why : null, Blank(note) ? null : note, ct),
                "ask" => await triage.ExecuteAsync(slug, actor, chosen, BulkTriage.AskForInformation, null,
                    Blank(question) && savedReply is { } reply ? await SavedReplyAsync(slug, actor, reply, ct)
                        : question, ct),
                _ => throw Invalid("action", "choose to reject the reports or to ask a question."),
            };
            Flash.Set(TempData, action == "reject"
                ? $"{Count(done.Count)} rejected as {reason}. Their reporters are told."
                : $"{Count(done.Count)} asked your question. Each waits for its reporter's answer.");
            return Redirect($"/programs/{slug}/queue");
        }, () => LoadAsync(ct));
    }

    private async Task<string> SavedReplyAsync(string slug, Core.Reports.Actor actor, long id, CancellationToken ct) =>
        (await savedReplies.ExecuteAsync(slug, actor, ct)).SingleOrDefault(r => r.Id == id)?.Body
            ?? throw Invalid("savedReply", "choose one of the program's saved replies.");

    /// <summary>The ids chosen, bounded before anything is read (a form may carry many more fields).</summary>
    private static List<long> Ids(string[] ids)
    {
        if (ids.Length == 0)
        {
            throw Invalid("ids", "choose the reports to triage: none is chosen.");
        }
        if (ids.Length > TriageMany.MaxReports)
        {
            throw Invalid("ids", $"choose at most {TriageMany.MaxReports} reports at once; {ids.Length} are chosen.");
        }
        var parsed = new List<long>();
        foreach (var id in ids)
        {
            parsed.Add(long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw Invalid("ids", $"'{id}' is not a report number."));
        }
        return parsed;
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string Count(int n) => n == 1 ? "1 report" : $"{n} reports";

    private static ValidationFailedException Invalid(string field, string message) =>
        new("The reports cannot all be triaged this way.",
            new Dictionary<string, string[]> { [field] = [message] });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var actor = ApiActor.From(HttpContext);
        Items = await FindAsync(() => queue.ExecuteAsync(Slug, actor, cancellationToken));
        ShowWorkload = Items is not null && await workload.CanSeeAsync(Slug, actor, cancellationToken);
        SavedReplies = Items is null ? [] : await savedReplies.ExecuteAsync(Slug, actor, cancellationToken);
    }

    /// <summary>
    /// The open reports in the order shown: by urgency, except that the members of a group of possible duplicates
    /// follow its most urgent member, so the team sees them together.
    /// </summary>
    public IReadOnlyList<QueueItem> Open()
    {
        var open = (Items ?? []).Where(i => !i.HeldForReview).ToList();
        var ordered = new List<QueueItem>();
        foreach (var item in open.Where(i => !ordered.Contains(i)))
        {
            ordered.AddRange(item.Duplicates is { } group
                ? open.Where(i => i.Duplicates?.GroupId == group.GroupId && !ordered.Contains(i))
                : [item]);
        }
        return ordered;
    }

    /// <summary>Whether the form may choose the report: a new one the viewer is not recused from.</summary>
    public static bool Choosable(QueueItem item) => item.State == "new" && !item.Recused;

    /// <summary>The checkbox of a report.</summary>
    public static string InputOf(long id) => $"choose-{id}";

    /// <summary>The failed form's problems beside their fields: <c>ids[i]</c> at the i-th report's checkbox.</summary>
    public FieldProblems Fields => new(Failure?.Errors, new Dictionary<string, (string, string)>
    {
        ["ids"] = (Items?.FirstOrDefault(Choosable) is { } first ? InputOf(first.Id) : "triage-form", "Reports"),
        ["action"] = ("triage-form", "Action"),
        ["reason"] = ("bulk-reason", "Reject as"),
        ["text"] = ("bulk-question", "Your question"),
        ["savedReply"] = ("bulk-question-saved", "Saved reply"),
    }, ChosenField);

    private (string, string)? ChosenField(string name)
    {
        if (!name.StartsWith("ids[", StringComparison.Ordinal)
            || !int.TryParse(name.AsSpan(4, name.Length - 5), CultureInfo.InvariantCulture, out var i)
            || i >= Selected.Count)
        {
            return null;
        }
        var id = Selected[i];
        return Items?.Any(item => item.Id == id && Choosable(item)) == true
            ? (InputOf(id), $"Report #{id}")
            : null;
    }
}
