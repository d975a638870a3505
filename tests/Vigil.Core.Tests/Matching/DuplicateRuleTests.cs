using Vigil.Core.Advisories;
using Vigil.Core.Matching;

namespace Vigil.Core.Tests.Matching;

/// <summary>The rule for one vulnerability under two ids (docs/sync.md, "One vulnerability, two ids").</summary>
public class DuplicateRuleTests
{
    private static readonly DateTimeOffset Early = new(2017, 4, 14, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Late = new(2018, 1, 22, 0, 0, 0, TimeSpan.Zero);

    private static DuplicateCandidate Record(long number, string id, string origin, DateTimeOffset? published,
        params string[] aliases) =>
        new(number, id, origin, published, aliases);

    public static TheoryData<string, DuplicateCandidate[], long[]> Cases() => new()
    {
        // "two that share an id (the id or an alias of one is the id or an alias of the other) report the same
        // vulnerability"
        { "a shared CVE alias: the hand import wins over the mirror", [
            Record(1, "GHSA-mhpp-875w-9cpv", "upstream", Late, "CVE-2016-10707"),
            Record(2, "NSWG-ECO-330", AdvisoryOrigin.Import, Early, "CVE-2016-10707")], [1] },
        { "this instance's publication wins over a hand import", [
            Record(1, "VIGIL-2026-1", AdvisoryOrigin.Program, Late, "CVE-2026-1"),
            Record(2, "NSWG-ECO-9", AdvisoryOrigin.Import, Early, "CVE-2026-1")], [2] },
        { "one names the other's id: grouped, and within one origin the one that names the other wins", [
            Record(1, "NSWG-ECO-330", "upstream", Early),
            Record(2, "GHSA-mhpp-875w-9cpv", "upstream", Late, "NSWG-ECO-330")], [1] },
        { "same origin, nothing names the other: the earliest published wins", [
            Record(1, "GHSA-mhpp-875w-9cpv", AdvisoryOrigin.Import, Late, "CVE-2016-10707"),
            Record(2, "NSWG-ECO-330", AdvisoryOrigin.Import, Early, "CVE-2016-10707")], [1] },
        { "same origin and date: the smallest id wins", [
            Record(1, "NSWG-ECO-330", "upstream", null, "CVE-2016-10707"),
            Record(2, "GHSA-mhpp-875w-9cpv", "upstream", null, "CVE-2016-10707")], [1] },
        { "no shared id: two vulnerabilities, both reported", [
            Record(1, "GHSA-vh95-rmgr-6w4m", "upstream", Early, "CVE-2020-7598"),
            Record(2, "GHSA-xvch-5gv4-984h", "upstream", Late, "CVE-2021-44906")], [] },
        { "linked through a third record: one group of three", [
            Record(1, "A-1", "upstream", Early, "CVE-1"),
            Record(2, "B-1", "upstream", Late, "CVE-1", "GHSA-x"),
            Record(3, "C-1", AdvisoryOrigin.Import, Late, "GHSA-x")], [1, 2] },
        { "two groups in one answer", [
            Record(1, "A-1", "upstream", Early, "CVE-1"),
            Record(2, "B-1", "upstream", Late, "CVE-1"),
            Record(3, "C-1", "upstream", Early, "CVE-2"),
            Record(4, "D-1", AdvisoryOrigin.Import, Late, "CVE-2"),
            Record(5, "E-1", "upstream", Early, "CVE-3")], [2, 3] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Superseded_Records_AreTheGroupsOtherMembers(string why, DuplicateCandidate[] records, long[] superseded)
    {
        Assert.True(superseded.Order().SequenceEqual(DuplicateRule.Superseded(records).Order()), why);
    }

    [Fact]
    public void Superseded_OneRecordTwice_IsNotItsOwnDuplicate()
    {
        var record = Record(1, "GHSA-mhpp-875w-9cpv", "upstream", Late, "CVE-2016-10707");

        Assert.Empty(DuplicateRule.Superseded([record, record]));
    }
}
