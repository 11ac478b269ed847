using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Data;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Core.Localization;
using Outreach.Core.Sites;

namespace Outreach.Core.Themes;

/// <summary>
/// Renders public pages with Fluid: the template is looked up in the site's theme, then its base themes,
/// then the modules' defaults; the result is wrapped in the first <c>layout.liquid</c> found the same way.
/// </summary>
public sealed class LiquidViews
{
    // Chinese (and every other script) stays as characters; only HTML-significant characters are escaped.
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    readonly FluidParser _parser = new();
    readonly ThemeCatalog _themes;
    readonly IReadOnlyList<ModuleTemplates> _moduleTemplates;
    readonly IReadOnlyList<ILiquidExtension> _extensions;
    readonly ILogger<LiquidViews> _logger;
    readonly bool _cache;
    readonly ConcurrentDictionary<string, TemplateOptions> _options = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<(string Theme, string Name), IFluidTemplate> _templates = new();

    readonly UiText _text;
    readonly IReadOnlyList<Type> _models;
    readonly Caching.ICacheEvictor _evictor;

    public LiquidViews(ThemeCatalog themes, IEnumerable<ModuleTemplates> moduleTemplates, IEnumerable<ILiquidExtension> extensions,
        ILogger<LiquidViews> logger, IHostEnvironment env, UiText text, Modules.ModuleCatalog modules, Caching.ICacheEvictor evictor)
    {
        _evictor = evictor;
        _text = text;
        _models = [.. KernelModels, .. modules.Modules.SelectMany(m => m.Manifest.TemplateModels)];
        _extensions = extensions.ToList();
        _themes = themes;
        _moduleTemplates = moduleTemplates.ToList();
        _logger = logger;
        _cache = !env.IsDevelopment();
    }

    /// <summary>Renders a template of the current site's theme as a full HTML page.</summary>
    public async Task<IResult> PageAsync(HttpContext http, string template, object? model = null, int statusCode = 200)
    {
        var html = await RenderPageAsync(http, template, model);
        if (html is null)
            return Results.Content(FallbackErrorPage, "text/html; charset=utf-8", statusCode: 500);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    /// <summary>The rendered page, or null when a template failed (already logged with file and line).</summary>
    public async Task<string?> RenderPageAsync(HttpContext http, string template, object? model)
    {
        var site = http.RequestServices.GetService(typeof(SiteContext)) as SiteContext;
        var themeName = site?.Site?.Theme ?? ThemeCatalog.DefaultTheme;
        var context = CreateContext(http, themeName, model);
        context.AmbientValues[ModuleKey] = ModuleOf(template); // its page reads its module's translations first
        if (site?.Site is { } current)
            context.SetValue("menu", await MenuAsync(http, site, current));
        try
        {
            var body = await RenderAsync(themeName, template, context);
            context.SetValue("content", new StringValue(body, encode: false));
            return await RenderAsync(themeName, "layout", context);
        }
        catch (TemplateException ex)
        {
            _logger.LogError("Template {Template} of theme {Theme} failed: {Error}", ex.Template, themeName, ex.Message);
            return null;
        }
    }

    /// <summary>Renders a template without layout (e.g. a mail body or a partial), for any theme.</summary>
    /// <param name="encoder">Null: HTML encoding; <c>NullEncoder.Default</c> for plain text (mail text parts).</param>
    public async Task<string> RenderPartialAsync(string themeName, string template, TemplateContext context, TextEncoder? encoder = null) =>
        await RenderAsync(themeName, template, context, encoder);

    /// <summary>The file <c>&lt;template&gt;.liquid</c> would be read from (theme chain, then modules); check <c>Exists</c>.</summary>
    public IFileInfo TemplateFile(string themeName, string template) =>
        OptionsFor(themeName).FileProvider.GetFileInfo(template + ".liquid");

    public TemplateContext CreateContext(HttpContext? http, string themeName, object? model)
    {
        var options = OptionsFor(themeName);
        // allowModelMembers: false — the page's own model is read through the registered types like everything else.
        var context = model is null ? new TemplateContext(options) : new TemplateContext(model, options, allowModelMembers: false);
        var culture = CultureInfo.CurrentUICulture;
        context.CultureInfo = culture;
        context.TimeZone = OutreachTime.Zone;
        context.AmbientValues["http"] = http!;
        context.AmbientValues["theme"] = themeName;
        context.AmbientValues[TextKey] = _text;
        if (http?.RequestServices.GetService(typeof(SiteContext)) is SiteContext { Site: { } site } siteContext)
        {
            context.AmbientValues["site"] = siteContext;
            context.SetValue("site", SiteView.From(site, siteContext, culture.Name));
            // This page's address without its query, from the configured origin: canonical link and hreflang alternates.
            if (http?.RequestServices.GetService(typeof(SiteLinks)) is SiteLinks links)
            {
                var canonical = links.Absolute(site, http.Request.Path.Value ?? "/");
                context.SetValue("canonical", canonical);
                context.SetValue("origin", new Uri(canonical).GetLeftPart(UriPartial.Authority));
            }
        }
        context.SetValue("culture", culture.Name);
        context.SetValue("lang", culture.Name.StartsWith("en", StringComparison.Ordinal) ? "en" : "zh-CN");
        context.SetValue("path", http?.Request.Path.Value ?? "/");
        if (http is not null)
        {
            var elder = DisplayMode.IsElder(http);
            context.SetValue("elder", elder);
            context.SetValue("mode_switch", DisplayMode.SwitchUrl(http, elder));
        }
        return context;
    }

    internal const string TextKey = "ui-text", ModuleKey = "ui-module";

    /// <summary>The module that ships the default of <paramref name="template"/>; null for the kernel's.</summary>
    string? ModuleOf(string template) =>
        _moduleTemplates.FirstOrDefault(m => m.Files.GetFileInfo(template + ".liquid").Exists)?.ModuleId;

    /// <summary>"/news" is current on "/news" and "/news/x", not on "/newsletter".</summary>
    static bool IsCurrent(string menuUrl, string path) =>
        menuUrl == "/" ? path == "/" : path == menuUrl || path.StartsWith(menuUrl.TrimEnd('/') + "/", StringComparison.Ordinal);

    // Menus per site, kept until the next page-cache eviction (a menu change is a content change) or a minute (another
    // node's change): one query less per page.
    readonly ConcurrentDictionary<int, (long Generation, long ReadAt, List<MenuItem> Items)> _menus = new();

    async Task<List<MenuLink>> MenuAsync(HttpContext http, SiteContext siteContext, Site site)
    {
        var english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var path = http.Request.Path.Value ?? "/";
        var generation = _evictor.Generation;
        List<MenuItem> items;
        if (_menus.TryGetValue(site.Id, out var known) && known.Generation == generation && Environment.TickCount64 - known.ReadAt < 60_000) items = known.Items;
        else
        {
            var db = (OutreachDbContext)http.RequestServices.GetService(typeof(OutreachDbContext))!;
            items = await db.MenuItems.AsNoTracking().Where(m => m.SiteId == site.Id).OrderBy(m => m.Position).ToListAsync(http.RequestAborted);
            _menus[site.Id] = (generation, Environment.TickCount64, items); // read before the query: a change during it makes the next page read again
        }
        return items.Select(m => new MenuLink(
            english && m.TitleEn.Length > 0 ? m.TitleEn : m.TitleZh,
            siteContext.Url(m.Url),
            IsCurrent(m.Url, path))).ToList();
    }

    async Task<string> RenderAsync(string themeName, string name, TemplateContext context, TextEncoder? encoder = null)
    {
        var template = Load(themeName, name);
        try
        {
            // Not isolated: variables a page template assigns (title, description) reach the layout.
            return await template.RenderAsync(context, encoder ?? Encoder, isolateContext: false);
        }
        catch (Exception ex) when (ex is not TemplateException)
        {
            throw new TemplateException(name + ".liquid", ex.Message, ex);
        }
    }

    IFluidTemplate Load(string themeName, string name)
    {
        if (_cache && _templates.TryGetValue((themeName, name), out var cached)) return cached;
        var options = OptionsFor(themeName);
        var file = options.FileProvider.GetFileInfo(name + ".liquid");
        if (!file.Exists) throw new TemplateException(name + ".liquid", "template not found in theme chain or modules");
        using var reader = new StreamReader(file.CreateReadStream());
        var source = reader.ReadToEnd();
        if (!_parser.TryParse(source, out var template, out var error))
            throw new TemplateException(file.PhysicalPath ?? name + ".liquid", error);
        if (_cache) _templates[(themeName, name)] = template;
        return template;
    }

    TemplateOptions OptionsFor(string themeName) => _options.GetOrAdd(themeName, BuildOptions);

    TemplateOptions BuildOptions(string themeName)
    {
        var providers = _themes.Chain(themeName)
            .Where(t => Directory.Exists(t.TemplatesDirectory))
            .Select(t => (IFileProvider)new PhysicalFileProvider(t.TemplatesDirectory))
            .Concat(_moduleTemplates.Select(m => m.Files));
        var options = new TemplateOptions
        {
            FileProvider = new CompositeFileProvider(providers),
            MemberAccessStrategy = ViewModels(),
            TimeZone = OutreachTime.Zone,
        };
        LiquidFilters.Register(options, _themes);
        foreach (var extension in _extensions) extension.Register(options);
        return options;
    }

    /// <summary>What the kernel's own templates read; modules list theirs in <c>ModuleManifest.TemplateModels</c>.</summary>
    static readonly Type[] KernelModels = [typeof(SiteView), typeof(MenuLink), typeof(Content.HomeSection), typeof(ErrorPage), typeof(Paging), typeof(TestMail)];

    /// <summary>Templates read only the members of registered view-model types (snake_case), nothing else of .NET.</summary>
    MemberAccessStrategy ViewModels()
    {
        var strategy = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase };
        foreach (var type in _models) strategy.Register(type);
        return strategy;
    }

    const string FallbackErrorPage = """
        <!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>页面暂时无法显示</title><body>
        <h1>页面暂时无法显示</h1><p>我们已记录这个问题，请稍后再试。</p><p lang="en">This page cannot be shown right now. Please try again later.</p>
        <p><a href="/">返回首页 / Home</a></p></body></html>
        """;
}

/// <summary>A template failed to parse or render; the message names the file and, for parse errors, the line.</summary>
public sealed class TemplateException(string template, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Template { get; } = template;
}

/// <summary>A menu entry as templates see it.</summary>
public sealed record MenuLink(string Title, string Url, bool Active);

/// <summary>What templates see of the current site.</summary>
public sealed record SiteView(string Name, string DisplayName, string DisplayNameZh, string DisplayNameEn, string BasePath, string Theme, string Home)
{
    public static SiteView From(Site site, SiteContext context, string culture) =>
        new(site.Name, site.DisplayName(culture), site.DisplayNameZh, site.DisplayNameEn, context.BasePath, site.Theme, context.Url("/"));
}
