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
    /// The lock could not be had in time (SQLite BUSY/LOCKED after the busy timeout; PostgreSQL lock_not_available,
    /// deadlock or a cancelled statement): the caller answers "try again", it is not a bug.
    /// </summary>
    public static bool IsLockTimeout(Exception e) => Inner(e) switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        DbException d => d.SqlState is "55P03" or "40P01" or "57014" or "40001",
        _ => false,
    };

    static Exception? Inner(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is DbException) return x;
        return null;
    }
}
