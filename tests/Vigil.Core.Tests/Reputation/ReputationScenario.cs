using Vigil.Core.Reports;
using Vigil.Core.Tests.Reports;

namespace Vigil.Core.Tests.Reputation;

/// <summary>Reports driven to an outcome on a <see cref="Disclosure"/> program, for reputation tests.</summary>
internal static class ReputationScenario
{
    public static async Task<long> ReportAsync(this Disclosure d, Guid reporter, string package = "left-pad")
    {
        var submitted = await d.SubmitAsync(Disclosure.Request(package), Actor.User(reporter));
        return submitted.Id;
    }

    public static async Task<long> PublishedAsync(this Disclosure d, Guid reporter, string package = "left-pad")
    {
        var id = await d.ReportAsync(reporter, package);
        await d.AcceptAsync(id);
        await d.Run(db => d.Use<PublishReport>(db).ExecuteAsync(id, Actor.User(d.Triager), Disclosure.Ct));
        return id;
    }

    public static async Task<long> RejectedAsync(this Disclosure d, Guid reporter, RejectionReason reason,
        long? duplicateOf = null)
    {
        var id = await d.ReportAsync(reporter);
        await d.Run(
            db =>
                d.Use<TriageReport>(db)
                    .RejectAsync(id, Actor.User(d.Triager), reason, duplicateOf, null, Disclosure.Ct));
        return id;
    }

    public static Task SetIntakeAsync(this Disclosure d, double? minimumSignal, int newReporterReportsPerDay) =>
        d.Run(async db =>
        {
            var program = db.Programs.Single(p => p.Slug == Disclosure.Slug);
            program.MinimumSignal = minimumSignal;
            program.NewReporterReportsPerDay = newReporterReportsPerDay;
            await db.SaveChangesAsync(Disclosure.Ct);
        });
}
