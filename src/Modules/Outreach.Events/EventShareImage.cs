using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Content;
using Outreach.Core.Data;
using Outreach.Core.Hosting;
using Outreach.Core.Localization;
using Outreach.Core.Sites;
using Outreach.Core.Themes;
using SkiaSharp;

namespace Outreach.Events;

/// <summary>
/// <c>GET /events/{slug}/share.png</c>: a 1200×630 card with the event's title, date and place in Chinese and the
/// site's name, in the site theme's colour — what WeChat and other apps show for a shared link (og:image).
/// Drawn once per version of that text with SkiaSharp and kept as a file under <c>&lt;DataDir&gt;/share/</c>.
/// </summary>
public sealed class EventShareImage(IOptions<OutreachOptions> options, IHostEnvironment env, ILogger<EventShareImage> logger)
{
    public const int Width = 1200, Height = 630;
    const int Margin = 80;

    // A CJK font from the Debian packages fonts-noto-cjk (Simplified Chinese face of the collection) or fonts-wqy-microhei.
    static readonly (string File, int Index)[] Fonts =
    [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ];

    static readonly Lazy<SKTypeface?> Typeface = new(() =>
        Fonts.Where(f => File.Exists(f.File)).Select(f => SKTypeface.FromFile(f.File, f.Index)).FirstOrDefault(t => t is not null));

    readonly string _folder = Path.Combine(OutreachPaths.DataDir(options.Value, env), "share");

    public sealed record Card(string Title, string When, string Where, string SiteName, string Color);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/events/{slug}/share.png", ServeAsync).WithName("EventShareImage").ExcludeFromDescription();

    static async Task<Results<PhysicalFileHttpResult, NotFound>> ServeAsync(string slug, HttpContext http, OutreachDbContext db, SiteContext site,
        ThemeCatalog themes, EventShareImage images, CancellationToken ct)
    {
        var item = await db.Set<Event>().AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug && e.Status == ContentStatus.Published, ct);
        if (item is null) return TypedResults.NotFound();
        var card = CardFor(item, site.Required.DisplayNameZh, themes.Chain(site.Required.Theme)[0].Color);
        var file = await images.FileForAsync(site.Required.Id, item.Id, card, ct);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.PhysicalFile(file, "image/png", lastModified: File.GetLastWriteTimeUtc(file));
    }

    public static Card CardFor(Event e, string siteName, string color)
    {
        var start = OutreachTime.Date(e.StartsAt, "zh-CN");
        var end = OutreachTime.Date(e.EndsAt, "zh-CN");
        var when = start == end || e.EndsAt <= e.StartsAt
            ? $"{start} {OutreachTime.Time(e.StartsAt)}"
            : $"{start} {OutreachTime.Time(e.StartsAt)} 至 {end}";
        var place = string.Join(" · ", new[] { e.City + e.District, e.VenueName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (place.Length == 0) place = string.IsNullOrEmpty(e.OnlineUrl) ? "地点待定" : "线上活动";
        return new Card(e.Title, when, place, siteName, color);
    }

    /// <summary>The card's PNG file: drawn when this text has not been drawn before (an edit gives a new file).</summary>
    public async Task<string> FileForAsync(int siteId, int eventId, Card card, CancellationToken ct)
    {
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', "v1", card.Title, card.When, card.Where, card.SiteName, card.Color))))[..16];
        var folder = Path.Combine(_folder, siteId.ToString(CultureInfo.InvariantCulture));
        var file = Path.Combine(folder, $"{eventId}-{version}.png");
        if (File.Exists(file)) return file;
        Directory.CreateDirectory(folder);
        var png = Draw(card);
        // Written aside and moved in: a request in parallel never reads half a file.
        var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, png, ct);
        File.Move(temp, file, overwrite: true);
        foreach (var old in Directory.EnumerateFiles(folder, $"{eventId}-*.png").Where(f => f != file))
            try { File.Delete(old); } catch (IOException) { }
        logger.LogDebug("Drew the share image of event {EventId}", eventId);
        return file;
    }

    public static byte[] Draw(Card card)
    {
        var typeface = Typeface.Value ?? SKTypeface.Default;
        var brand = SKColor.Parse(card.Color);
        // The brand colour darkened, so white text reads at 4.5:1 or better on every theme's colour.
        var background = new SKColor((byte)(brand.Red * 0.55), (byte)(brand.Green * 0.55), (byte)(brand.Blue * 0.55));

        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(background);
        using (var band = new SKPaint { Color = brand })
        {
            canvas.DrawRect(0, 0, Width, 18, band);
            canvas.DrawRect(0, Height - 110, Width, 110, band);
        }
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var soft = new SKPaint { Color = new SKColor(255, 255, 255, 225), IsAntialias = true };

        using var small = new SKFont(typeface, 30);
        canvas.DrawText(Fit(card.SiteName, small, Width - 2 * Margin), Margin, 92, SKTextAlign.Left, small, soft);

        using var title = new SKFont(typeface, 64) { Embolden = true };
        var y = 200f;
        foreach (var line in Wrap(card.Title, title, Width - 2 * Margin, 3))
        {
            canvas.DrawText(line, Margin, y, SKTextAlign.Left, title, white);
            y += 84;
        }

        using var detail = new SKFont(typeface, 36);
        canvas.DrawText(Fit("时间  " + card.When, detail, Width - 2 * Margin), Margin, Height - 170, SKTextAlign.Left, detail, white);
        canvas.DrawText(Fit("地点  " + card.Where, detail, Width - 2 * Margin), Margin, Height - 42, SKTextAlign.Left, detail, white);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Breaks text into lines that fit (any character may end a line in Chinese); the last one ends in "…" if cut.</summary>
    static List<string> Wrap(string text, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        var cut = false;
        foreach (var element in Elements(text))
        {
            if (current.Length > 0 && font.MeasureText(current + element) > width)
            {
                if (lines.Count == maxLines - 1) { cut = true; break; }
                lines.Add(current.ToString().TrimEnd());
                current.Clear();
            }
            if (current.Length == 0 && element == " ") continue;
            current.Append(element);
        }
        lines.Add(cut ? Fit(current + "……", font, width) : current.ToString());
        return lines;
    }

    /// <summary>The text, shortened with "…" until it fits.</summary>
    static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width) return text;
        var elements = Elements(text).ToList();
        while (elements.Count > 1 && font.MeasureText(string.Concat(elements) + "…") > width) elements.RemoveAt(elements.Count - 1);
        return string.Concat(elements) + "…";
    }

    static IEnumerable<string> Elements(string text)
    {
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) yield return e.GetTextElement();
    }
}
