using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Fluid;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Core.Mail;

/// <summary>A mail rendered for one recipient: subject, HTML part and plain-text part.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text);

/// <summary>
/// Mail templates are Liquid files found like page templates — the site's theme, its base themes, then the
/// modules' embedded defaults — so a site overrides a module's mail by shipping the same file name.
/// For template <c>test</c> in culture <c>en</c> the HTML part is the first of <c>mail-test.en.liquid</c>,
/// <c>mail-test.liquid</c>; the text part is its sibling <c>….txt.liquid</c> from the same folder, so a theme
/// that overrides only the HTML never gets the module's text; without a sibling the text is derived from the HTML. The HTML template names the subject with the <c>mail_subject</c> filter:
/// <c>{% assign subject = "…" %}{{ subject | mail_subject }}</c>.
/// </summary>
public sealed partial class MailTemplates(LiquidViews views)
{
    public const string SubjectKey = "mail_subject";

    public async Task<RenderedMail> RenderAsync(Site site, string name, object? model, string? culture = null)
    {
        culture = NormalizeCulture(culture ?? site.DefaultCulture);
        var html = Find(site.Theme, name, culture)
                   ?? throw new TemplateException($"mail-{name}.liquid", "mail template not found in theme chain or modules");
        var context = CreateContext(site, model, culture);
        var htmlBody = await views.RenderPartialAsync(site.Theme, html, context);
        var subject = (context.AmbientValues.TryGetValue(SubjectKey, out var s) ? s as string : null)?.Trim() ?? "";
        if (subject.Length == 0) throw new TemplateException(html + ".liquid", "mail template must name its subject: {{ \"…\" | mail_subject }}");

        var text = html + ".txt";
        var htmlFile = views.TemplateFile(site.Theme, html);
        var textFile = views.TemplateFile(site.Theme, text);
        var sibling = textFile.Exists && Path.GetDirectoryName(textFile.PhysicalPath) == Path.GetDirectoryName(htmlFile.PhysicalPath);
        var textBody = !sibling
            ? TextFromHtml(htmlBody)
            : await views.RenderPartialAsync(site.Theme, text, CreateContext(site, model, culture), NullEncoder.Default);
        return new RenderedMail(subject, htmlBody, textBody.Trim() + "\n");
    }

    /// <summary>zh-CN unless English was asked for: the two languages the platform writes mail in.</summary>
    public static string NormalizeCulture(string culture) =>
        culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN";

    string? Find(string theme, string name, string culture)
    {
        foreach (var candidate in new[] { $"mail-{name}.{culture}", $"mail-{name}" })
            if (views.TemplateFile(theme, candidate).Exists) return candidate;
        return null;
    }

    TemplateContext CreateContext(Site site, object? model, string culture)
    {
        var context = views.CreateContext(null, site.Theme, model);
        var info = CultureInfo.GetCultureInfo(culture);
        context.CultureInfo = info;
        var siteContext = new SiteContext();
        siteContext.Enter(site, site.PathBase);
        context.AmbientValues["site"] = siteContext;
        context.SetValue("site", SiteView.From(site, siteContext, culture));
        context.SetValue("culture", culture);
        context.SetValue("lang", culture);
        return context;
    }

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Invisible();

    [GeneratedRegex("<br\\s*/?>|</(p|div|h[1-6]|li|tr)>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\n{3,}")]
    private static partial Regex BlankLines();

    /// <summary>A readable text part for templates that ship only HTML.</summary>
    public static string TextFromHtml(string html)
    {
        var text = Invisible().Replace(html, "");
        text = LineBreaks().Replace(text, "\n");
        text = WebUtility.HtmlDecode(Tags().Replace(text, ""));
        text = string.Join('\n', text.Split('\n').Select(l => l.Trim()));
        return BlankLines().Replace(text, "\n\n").Trim();
    }
}
