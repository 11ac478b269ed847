using Outreach.Core.Sites;

namespace Outreach.Media.Tests;

public sealed class LiquidTests
{
    static SiteContext North()
    {
        var site = new SiteContext();
        site.Enter(new Site { Id = 1, Name = "north", Prefix = "north" }, "/north");
        return site;
    }

    [Fact]
    public void The_srcset_lists_real_widths_and_never_promises_an_enlargement()
    {
        var item = new MediaItem { Id = 7, Width = 1000, Height = 500, Format = MediaFormat.Jpeg };
        Assert.Equal("/north/media/7/320.webp 320w, /north/media/7/800.webp 800w, /north/media/7/1600.webp 1000w",
            MediaLiquidExtension.SrcSet(item, North(), MediaFormat.Webp));
    }

    [Fact]
    public void The_responsive_image_is_lazy_sized_and_encodes_the_alt_text()
    {
        var item = new MediaItem { Id = 7, Width = 1600, Height = 900, Format = MediaFormat.Jpeg };
        var html = MediaLiquidExtension.Picture(item, North(), "\"><script>alert(1)</script>");
        Assert.Contains("<source type=\"image/webp\" srcset=\"/north/media/7/320.webp 320w", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/north/media/7/800.jpg\"", html, StringComparison.Ordinal);
        Assert.Contains("loading=\"lazy\"", html, StringComparison.Ordinal);
        Assert.Contains("sizes=\"", html, StringComparison.Ordinal);
        Assert.Contains("width=\"800\" height=\"450\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_20_mb_and_40_megapixels()
    {
        var options = new MediaOptions();
        Assert.Equal(20 * 1024 * 1024, options.MaxBytes);
        Assert.Equal(40_000_000, options.MaxPixels);
    }
}
