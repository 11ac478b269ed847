using Fluid;
using Fluid.Values;
using Ganss.Xss;
using Outreach.Core.Localization;
using Outreach.Core.Sites;

namespace Outreach.Core.Themes;

/// <summary>The filters every template may use.</summary>
public static class LiquidFilters
{
    /// <summary>Rich text is stored as written and sanitised when shown.</summary>
    public static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" }) sanitizer.AllowedSchemes.Add(scheme);
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Add("loading");
        sanitizer.AllowedAttributes.Add("srcset");
        sanitizer.AllowedAttributes.Add("sizes");
        // No forms in articles: a pasted "please sign in again" form would post people's passwords elsewhere.
        foreach (var tag in new[] { "form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "fieldset", "legend", "label", "keygen" })
            sanitizer.AllowedTags.Remove(tag);
        foreach (var attribute in new[] { "action", "formaction", "method", "enctype", "formmethod", "formenctype", "formtarget", "form" })
            sanitizer.AllowedAttributes.Remove(attribute);
        return sanitizer;
    }

    public static void Register(TemplateOptions options, ThemeCatalog themes)
    {
        // {{ "活动" | t }} — UI text in the visitor's language.
        options.Filters.AddFilter("t", (input, _, ctx) =>
        {
            var key = input.ToStringValue();
            if (!ctx.AmbientValues.TryGetValue(LiquidViews.TextKey, out var t) || t is not UiText text) return new StringValue(key);
            return new StringValue(text.Translate(key, ctx.CultureInfo, ctx.AmbientValues.TryGetValue(LiquidViews.ModuleKey, out var m) ? m as string : null));
        });

        // {{ "/news" | url }} — a site-relative path made absolute for the current site's mount point.
        options.Filters.AddFilter("url", (input, _, ctx) =>
        {
            var path = input.ToStringValue();
            return new StringValue(ctx.AmbientValues.TryGetValue("site", out var s) && s is SiteContext site ? site.Url(path) : path);
        });

        // {{ "css/site.css" | asset }} — a versioned asset URL from the site's theme chain;
        // {{ "css/site.css" | asset: "Academic" }} — from a named theme (a child theme loading its base's stylesheet).
        options.Filters.AddFilter("asset", (input, args, ctx) =>
        {
            var theme = args.Count > 0 ? args.At(0).ToStringValue()
                : ctx.AmbientValues.TryGetValue("theme", out var t) ? (string)t : ThemeCatalog.DefaultTheme;
            return new StringValue(themes.AssetUrl(theme, input.ToStringValue()) ?? "");
        });

        // {{ item.published_at | local_date }} — 2026年9月16日 (or 16 September 2026 in English).
        options.Filters.AddFilter("local_date", (input, _, ctx) =>
            Instant(input) is { } when ? new StringValue(OutreachTime.Date(when, ctx.CultureInfo.Name)) : NilValue.Instance);

        // {{ item.starts_at | local_time }} — 09:00 Beijing time.
        options.Filters.AddFilter("local_time", (input, _, _) =>
            Instant(input) is { } when ? new StringValue(OutreachTime.Time(when)) : NilValue.Instance);

        // {{ item.starts_at | iso }} — ISO 8601 with the Beijing offset, for <time datetime> and JSON-LD.
        options.Filters.AddFilter("iso", (input, _, _) =>
            Instant(input) is { } when ? new StringValue(OutreachTime.ToBeijing(when).ToString("yyyy-MM-dd'T'HH:mm:sszzz"), encode: false) : NilValue.Instance);

        // {{ subject | mail_subject }} — a mail template names its subject; outputs nothing.
        options.Filters.AddFilter("mail_subject", (input, _, ctx) =>
        {
            ctx.AmbientValues[Mail.MailTemplates.SubjectKey] = input.ToStringValue();
            return StringValue.Empty;
        });

        // {{ page.body | rich_text }} — sanitised HTML, output unencoded.
        options.Filters.AddFilter("rich_text", (input, _, _) =>
            new StringValue(Sanitizer.Sanitize(input.ToStringValue()), encode: false));
    }

    static DateTimeOffset? Instant(FluidValue value) => value.ToObjectValue() switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => null,
    };
}
