using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Modules;
using Outreach.Core.Recipes;
using Outreach.Core.Security;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Admin.Pages.Admin.Platform;

[SitePermission(Permissions.ManagePlatform)]
public sealed class SitesModel(
    OutreachDbContext db, SiteCatalog catalog, ThemeCatalog themes, ModuleCatalog hostModules, RecipeRunner recipes,
    AuditLog audit, IOptions<OutreachOptions> options, IHostEnvironment env) : PageModel
{
    public List<Site> Sites { get; private set; } = [];
    public IReadOnlyCollection<Theme> Themes => themes.All;
    /// <summary>The modules a site may switch, dependencies first (their manifests).</summary>
    public IEnumerable<ModuleManifest> Modules => hostModules.Modules.Where(m => !m.AlwaysEnabled).Select(m => m.Manifest);

    public string ModuleName(string id) => hostModules.Find(id)?.Manifest.DisplayNameZh ?? id;
    public List<string> RecipeFiles { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostThemeAsync(int id, string theme)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == id);
        if (site is null) return NotFound();
        if (!themes.Exists(theme)) { Errors.Add($"未知主题“{theme}”。"); await LoadAsync(); return Page(); }
        site.Theme = theme;
        audit.Record(User, "site.theme", site.Name, theme, platformWide: true);
        await db.SaveChangesAsync();
        catalog.Invalidate();
        TempData["Message"] = $"“{site.DisplayNameZh}”已改用主题 {theme}。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostModulesAsync(int id, string[] modules)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == id);
        if (site is null) return NotFound();
        // Ticking a module brings its dependencies along; dropping one that a module staying on needs is refused.
        var selection = hostModules.Select(site.ModuleList, modules);
        if (selection.Blocked.Count > 0)
        {
            foreach (var (blocked, dependants) in selection.Blocked)
                Errors.Add($"不能停用“{ModuleName(blocked)}”（{blocked}）：{string.Join("、", dependants.Select(d => $"“{ModuleName(d)}”（{d}）"))}依赖它。请先停用这些模块，未做任何更改。");
            await LoadAsync();
            return Page();
        }
        site.Modules = string.Join(',', selection.Enabled);
        audit.Record(User, "site.modules", site.Name, site.Modules, platformWide: true);
        await db.SaveChangesAsync();
        catalog.Invalidate();
        TempData["Message"] = $"“{site.DisplayNameZh}”的模块已更新。" + (selection.AddedDependencies.Count == 0 ? ""
            : $"已一并启用所依赖的模块：{string.Join("、", selection.AddedDependencies.Select(ModuleName))}。");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecipeAsync(string? file, string? json)
    {
        var folder = Path.Combine(OutreachPaths.Recipes(options.Value, env), "demo");
        try
        {
            Site site;
            if (!string.IsNullOrEmpty(file))
            {
                // Only a file offered in the list, never a path from the form.
                var known = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.recipe.json").Select(Path.GetFileName).ToList() : [];
                if (!known.Contains(file)) return BadRequest();
                site = await recipes.RunFileAsync(Path.Combine(folder, file));
            }
            else if (!string.IsNullOrWhiteSpace(json) && json.Length <= 2_000_000) site = await recipes.RunAsync(json, "表单.recipe.json");
            else { Errors.Add("请选择内置配方或粘贴配方 JSON。"); await LoadAsync(); return Page(); }
            audit.Record(User, "site.recipe", site.Name, file ?? "pasted", platformWide: true);
            await db.SaveChangesAsync();
            TempData["Message"] = $"已应用配方：{site.DisplayNameZh}";
            return RedirectToPage();
        }
        catch (RecipeException ex)
        {
            Errors.AddRange(ex.Errors.Select(e => e.ToString()));
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolationOn(e, nameof(Site.Name)) || DbErrors.IsUniqueViolationOn(e, nameof(Site.Prefix)))
        {
            // Only the unique name or prefix; any other database error is not a conflict and is not told as one.
            Errors.Add("站点名称或前缀与已有站点冲突，未做任何更改。");
        }
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync()
    {
        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        var folder = Path.Combine(OutreachPaths.Recipes(options.Value, env), "demo");
        RecipeFiles = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.recipe.json").Select(f => Path.GetFileName(f)!).Order().ToList() : [];
    }
}
