using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Outreach.Core.Data;

/// <summary>What a database error means, the same way on SQLite and PostgreSQL.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row (SQLite 2067 / PostgreSQL 23505): someone else wrote it first.</summary>
    public static bool IsUniqueViolation(Exception e) => Inner(e) switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        DbException d => d.SqlState == "23505",
        _ => false,
    };

    /// <summary>
    /// A unique index that includes <paramref name="column"/> refused the row — e.g. a slug someone else took first.
    /// Any other error (a value too long, a foreign key, a lost connection) is not this and must not be told as it.
    /// SQLite names the columns ("UNIQUE constraint failed: Pages.SiteId, Pages.Slug"); PostgreSQL the index
    /// ("IX_Pages_SiteId_Slug", EF's naming).
    /// </summary>
    public static bool IsUniqueViolationOn(Exception e, string column) => Inner(e) switch
    {
        SqliteException s when s.SqliteExtendedErrorCode is 2067 or 1555 =>
            s.Message.Split(':', 3).LastOrDefault()?.Split(',').Any(c => c.Trim().TrimEnd('\'', '.').EndsWith("." + column, StringComparison.Ordinal)) ?? false,
        Npgsql.PostgresException p when p.SqlState == "23505" =>
            p.ConstraintName?.Split('_').Contains(column, StringComparer.Ordinal) ?? false,
        _ => false,
    };

    /// <summary>
    /// The database is too busy right now: a lock could not be had in time (SQLite BUSY/LOCKED after the busy
    /// timeout; PostgreSQL lock_not_available, deadlock, a cancelled statement) or no connection was free (the
    /// pool ran dry, or the server's connection slots are full). The caller answers "try again"; it is not a bug.
    /// </summary>
    public static bool IsBusy(Exception e) => Inner(e) switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        DbException { SqlState: "55P03" or "40P01" or "57014" or "40001" or "53300" } => true,
        DbException d => d.InnerException is TimeoutException, // Npgsql: "The connection pool has been exhausted"
        _ => false,
    };

    static Exception? Inner(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is DbException) return x;
        return null;
    }
}
