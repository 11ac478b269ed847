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
