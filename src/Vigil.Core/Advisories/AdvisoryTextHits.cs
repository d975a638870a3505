using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Advisories;

/// <summary>An advisory the full-text index finds, with its relevance (higher is better).</summary>
public sealed record AdvisoryTextHit(long Number, double Rank);

/// <summary>
/// The full-text part of the search, one SQL per database, composed by <see cref="SearchAdvisories"/>
/// into its filters as a join: SQLite's FTS5 table ranked by bm25 (the summary and keywords count four
/// times the details), PostgreSQL's GIN-indexed tsvector ranked by <c>ts_rank_cd</c> (weights A and B).
/// The query travels as a parameter, written from <see cref="SearchQuery"/>, never from raw input.
/// </summary>
internal static class AdvisoryTextHits
{
    public static IQueryable<AdvisoryTextHit> Query(VigilDbContext db, SearchQuery query)
    {
        if (db.Database.IsSqlite())
        {
            // LIMIT -1 (no limit) keeps SQLite from flattening this into the caller's LEFT JOIN: flattened, it
            // runs the MATCH once per advisory (a rowid lookup each time, 30-100 ms on 600 rows); kept whole,
            // it is run once and joined through an automatic index (under 1 ms).
            var fts = query.ToFts5();
            return db.Database.SqlQuery<AdvisoryTextHit>(
                $"""
                SELECT rowid AS "Number", -bm25(advisory_search, 4.0, 4.0, 1.0) AS "Rank"
                FROM advisory_search WHERE advisory_search MATCH {fts} LIMIT -1
                """);
        }
        var web = query.ToWebSearch();
        return db.Database.SqlQuery<AdvisoryTextHit>(
            $"""
            SELECT a."Number", ts_rank_cd(a."SearchVector", q.query)::double precision AS "Rank"
            FROM advisories a, websearch_to_tsquery('english', {web}) AS q(query)
            WHERE a."SearchVector" @@ q.query
            """);
    }
}
