using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Data;
using Outreach.Core.Sites;
using Outreach.Core.Themes;

namespace Outreach.Media;

/// <summary>
/// <c>{{ 12 | responsive_image: "替代文字" }}</c> writes a lazy <c>&lt;picture&gt;</c> (WebP, JPEG fallback) with
/// <c>srcset</c>/<c>sizes</c>; <c>{{ 12 | srcset }}</c> just the WebP srcset; <c>{{ 12 | media_url: 800 }}</c> one URL.
/// </summary>
public sealed class MediaLiquidExtension : ILiquidExtension
{
    const string Sizes = "(max-width: 800px) 100vw, 800px";

    public void Register(TemplateOptions options)
    {
        options.Filters.AddFilter("srcset", async (input, _, ctx) =>
            await FindAsync(input, ctx) is { } found ? new StringValue(SrcSet(found.Item, found.Site, MediaFormat.Webp)) : NilValue.Instance);

        options.Filters.AddFilter("media_url", async (input, args, ctx) =>
        {
            if (await FindAsync(input, ctx) is not { } found) return NilValue.Instance;
            var width = (int)args.At(0).ToNumberValue();
            var url = MediaOptions.Profiles.Contains(width) ? MediaUrls.Sized(found.Item.Id, width, MediaFormat.Jpeg) : MediaUrls.Original(found.Item);
            return new StringValue(found.Site.Url(url));
        });

        options.Filters.AddFilter("responsive_image", async (input, args, ctx) =>
        {
            if (await FindAsync(input, ctx) is not { } found) return NilValue.Instance;
            var alt = args.At(0).ToStringValue();
            if (string.IsNullOrWhiteSpace(alt)) alt = found.Item.AltText;
            return new StringValue(Picture(found.Item, found.Site, alt), encode: false);
        });
    }

    public static string Picture(MediaItem item, SiteContext site, string alt)
    {
        var html = LiquidViews.Encoder; // Chinese alt text stays readable, never entity-encoded
        var shown = Math.Min(800, item.Width);
        var height = (int)Math.Round((double)item.Height * shown / item.Width);
        var fallback = site.Url(MediaUrls.Sized(item.Id, 800, MediaFormat.Jpeg));
        return new StringBuilder()
            .Append("<picture><source type=\"image/webp\" srcset=\"").Append(html.Encode(SrcSet(item, site, MediaFormat.Webp)))
            .Append("\" sizes=\"").Append(Sizes).Append("\">")
            .Append("<img src=\"").Append(html.Encode(fallback))
            .Append("\" srcset=\"").Append(html.Encode(SrcSet(item, site, MediaFormat.Jpeg)))
            .Append("\" sizes=\"").Append(Sizes)
            .Append("\" width=\"").Append(shown.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(height.ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(html.Encode(alt))
            .Append("\" loading=\"lazy\" decoding=\"async\"></picture>")
            .ToString();
    }

    /// <summary>One candidate per distinct real width: a 1000 px image is offered at 320w, 800w and 1000w, never enlarged.</summary>
    public static string SrcSet(MediaItem item, SiteContext site, MediaFormat format) => string.Join(", ",
        MediaOptions.Profiles
            .Select(p => (Profile: p, Real: Math.Min(p, item.Width)))
            .DistinctBy(c => c.Real)
            .Select(c => $"{site.Url(MediaUrls.Sized(item.Id, c.Profile, format))} {c.Real.ToString(CultureInfo.InvariantCulture)}w"));

    /// <summary>The current site's item (the site filter applies), or null for an unknown or deleted id.</summary>
    static async Task<(MediaItem Item, SiteContext Site)?> FindAsync(FluidValue input, TemplateContext ctx)
    {
        var number = input.ToNumberValue();
        if (number <= 0 || number > int.MaxValue || !ctx.AmbientValues.TryGetValue("http", out var h) || h is not HttpContext http) return null;
        var id = (int)number;
        var site = http.RequestServices.GetRequiredService<SiteContext>();
        var item = await http.RequestServices.GetRequiredService<OutreachDbContext>().Set<MediaItem>().AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == id, http.RequestAborted);
        return item is null ? null : (item, site);
    }
}
