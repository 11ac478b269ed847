namespace Outreach.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Bound from <c>Outreach:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary>Bound from <c>Outreach</c>.</summary>
public sealed class OutreachOptions
{
    /// <summary>Where the SQLite file, mail pickup, media and indexes live. Default: App_Data beside the app.</summary>
    public string DataDir { get; set; } = "App_Data";

    /// <summary>Apply the demo recipes on first start of an empty database.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>Folder of themes; default: the themes folder shipped beside the app.</summary>
    public string? ThemesPath { get; set; }

    /// <summary>Folder of recipes; default: the recipes folder shipped beside the app.</summary>
    public string? RecipesPath { get; set; }
}
