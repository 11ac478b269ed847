using Microsoft.AspNetCore.Http;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Cluster;
using Outreach.Core.Data;
using Outreach.Core.Mail;
using Outreach.Core.Modules;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Core.Scheduling;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Core.Hosting;

public static class OutreachServices
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>Registers the kernel: data, sites, themes, recipes, localization.</summary>
    public static OutreachBuilder AddOutreach(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var catalog = new ModuleCatalog(); // filled by AddModule, checked when the pipeline is built
        services.AddOptions<OutreachOptions>().BindConfiguration("Outreach")
            .Validate(o => Uri.TryCreate(o.PublicOrigin, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.AbsolutePath == "/"
                && string.IsNullOrEmpty(u.Query), "Outreach:PublicOrigin must be an absolute http(s) origin without a path, e.g. https://www.gdsta.cn")
            .Validate(o => o.Proxy.KnownProxies.All(p => System.Net.IPAddress.TryParse(p, out _)), "Outreach:Proxy:KnownProxies must be IP addresses")
            .Validate(o => o.Proxy.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "Outreach:Proxy:KnownNetworks must be CIDR networks, e.g. 10.0.0.0/8")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDir), "Outreach:DataDir must name a folder (default: App_Data)")
            .ValidateOnStart();
        services.AddSingleton<SiteLinks>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<OutreachOptions>>((o, outreach) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in outreach.Value.Proxy.KnownProxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in outreach.Value.Proxy.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // Minimal APIs throw on a body or parameter that does not bind, so BadRequestHandler can name the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddOptions<DatabaseOptions>().BindConfiguration("Outreach:Database")
            .Validate(o => Enum.IsDefined(o.Provider), "Outreach:Database:Provider must be Sqlite or Postgres")
            .Validate<IConfiguration>((o, config) => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(config.GetConnectionString("Outreach")),
                "Outreach:Database:Provider is Postgres but ConnectionStrings:Outreach is empty (e.g. Host=…;Database=outreach;Username=…;Password=…)")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(catalog);
        services.AddSingleton<PermissionCatalog>();
        services.AddScoped(typeof(Enabled<>));
        services.AddSingleton<Localization.UiText>();
        services.AddScoped<SiteContext>();
        services.AddSingleton<SiteCatalog>();
        services.AddOutreachCluster(builder.Configuration);
        services.AddScoped<Content.ContentEditor>();
        services.AddSingleton<RecipeRunner>();
        services.AddSingleton<IRecipeStep, MenuStep>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<NodeWarmUp>(); // renders one page of each kind after start; /health/ready waits for it
        services.AddSingleton<Cluster.IReadinessCheck>(sp => sp.GetRequiredService<NodeWarmUp>());
        services.AddHostedService(sp => sp.GetRequiredService<NodeWarmUp>());
        services.AddSingleton(sp => new ThemeCatalog(
            OutreachPaths.Themes(sp.GetRequiredService<IOptions<OutreachOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()),
            sp.GetRequiredService<ILogger<ThemeCatalog>>()));
        services.AddSingleton<LiquidViews>();
        services.AddSingleton(new ModuleTemplates(typeof(OutreachServices).Assembly)); // kernel defaults: layout, 404, error
        services.AddOutreachMail();
        Caching.PageCacheServices.AddOutreachPageCache(services);
        builder.AddOutreachScheduler();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new Localization.BeijingTimeJsonConverter());
            // Chinese (and the + of +08:00) stays text in every API answer; the default encoder writes \uXXXX for each.
            // Safe here: answers are application/json with nosniff, never inlined into HTML.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        // Modules add their policies (services.Configure<RateLimiterOptions>); a refusal is a zh-CN problem, 429.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = "60";
                if (ErrorResponses.IsApi(http)) await ErrorResponses.ProblemAsync(http, StatusCodes.Status429TooManyRequests, "请求过于频繁，请稍后再试。");
                else await (await http.RequestServices.GetRequiredService<LiquidViews>().PageAsync(http, "error", new ErrorPage(Limited: true), 429)).ExecuteAsync(http);
            };
        });
        // Razor's encoder, like Liquid's, leaves Chinese as characters; only HTML-significant ones are escaped.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddOutreachSecurity();
        services.AddRazorPages(o => o.Conventions.Add(new ModulePageConvention(catalog)));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new SiteCultureProvider(),
            ];
        });

        services.AddDbContext<OutreachDbContext>((sp, options) =>
        {
            var outreach = sp.GetRequiredService<IOptions<OutreachOptions>>().Value;
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var env = sp.GetRequiredService<IHostEnvironment>();
            Configure(options, database.Provider, builder.Configuration, outreach, env);
        });
        return new OutreachBuilder(builder);
    }

    public const int DefaultPostgresPoolSize = 40;

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, IConfiguration configuration, OutreachOptions outreach, IHostEnvironment env)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var connection = configuration.GetConnectionString("Outreach")
                ?? throw new InvalidOperationException("Outreach:Database:Provider=Postgres needs ConnectionStrings:Outreach.");
            // A node keeps well under the server's 100 default connection slots (several nodes and Quartz share them);
            // a connection string that names its own Maximum Pool Size wins.
            var pooled = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            if (!connection.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)) pooled.MaxPoolSize = DefaultPostgresPoolSize;
            options.UseNpgsql(pooled.ConnectionString, o => o.MigrationsAssembly("Outreach.Migrations.Postgres"));
        }
        else
        {
            var file = Path.Combine(OutreachPaths.DataDir(outreach, env), "outreach.db");
            options.UseSqlite($"Data Source={file};Default Timeout=30;Pooling=True", o => o.MigrationsAssembly("Outreach.Migrations.Sqlite"));
        }
        options.ReplaceService<IModelCacheKeyFactory, ProviderModelCacheKeyFactory>();
    }
}

/// <summary>The model differs per provider (SQLite stores instants as numbers), so cache it per provider.</summary>
sealed class ProviderModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), context.Database.ProviderName, designTime);
}

/// <summary>Where the kernel's folders are.</summary>
public static class OutreachPaths
{
    public static string DataDir(OutreachOptions options, IHostEnvironment env)
    {
        var dir = Path.IsPathRooted(options.DataDir) ? options.DataDir : Path.Combine(env.ContentRootPath, options.DataDir);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Themes(OutreachOptions options, IHostEnvironment env) =>
        options.ThemesPath ?? Shipped("themes", env);

    public static string Recipes(OutreachOptions options, IHostEnvironment env) =>
        options.RecipesPath ?? Shipped("recipes", env);

    /// <summary>Beside the app (published or built), else the repository folder above the content root.</summary>
    static string Shipped(string folder, IHostEnvironment env)
    {
        var besideApp = Path.Combine(AppContext.BaseDirectory, folder);
        if (Directory.Exists(besideApp)) return besideApp;
        for (var dir = new DirectoryInfo(env.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, folder);
            if (Directory.Exists(candidate)) return candidate;
        }
        return besideApp;
    }
}

/// <summary>The site's default culture, when the visitor has not chosen one.</summary>
sealed class SiteCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(Microsoft.AspNetCore.Http.HttpContext httpContext)
    {
        var site = httpContext.RequestServices.GetService<SiteContext>()?.Site;
        return Task.FromResult(site is null ? null : new ProviderCultureResult(site.DefaultCulture));
    }
}
