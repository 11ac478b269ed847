using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Outreach.Core.Data;

namespace Outreach.Core.Caching;

/// <summary>Output cache for visitors, its eviction, and compression of text answers.</summary>
public static class PageCacheServices
{
    public static IServiceCollection AddOutreachPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            o.AddBasePolicy(new VisitorCachePolicy());
            o.SizeLimit = 256L * 1024 * 1024; // compressed and plain variants of every public page of every site fit easily
        });
        services.AddSingleton<VisitorPages>();
        services.AddSingleton<OutputCacheEvictor>();
        services.AddSingleton<ICacheEvictor, ClusterCacheEvictor>(); // local eviction, broadcast to the other nodes
        services.AddSingleton<PublicChangeInterceptor>();
        services.ConfigureDbContext<OutreachDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<PublicChangeInterceptor>()));
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // TLS usually ends at the proxy; answers with secrets are excluded below (BREACH)
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                ["application/atom+xml", "application/rss+xml", "text/calendar", "image/svg+xml", "application/problem+json", "application/manifest+json"]);
        });
        services.AddSingleton<IResponseCompressionProvider, PublicAnswerCompression>();
        return services;
    }
}

/// <summary>
/// Compresses text, but never an answer that may carry a secret next to reflected input (a form's antiforgery
/// token, a personal page): those are exactly the ones marked <c>no-store</c>/<c>private</c>.
/// </summary>
sealed class PublicAnswerCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public override bool ShouldCompressResponse(HttpContext context)
    {
        foreach (var value in context.Response.Headers.CacheControl)
            if (value is not null && (value.Contains("no-store", StringComparison.OrdinalIgnoreCase) || value.Contains("private", StringComparison.OrdinalIgnoreCase)))
                return false;
        if (context.User.Identity?.IsAuthenticated == true || context.Request.Headers.ContainsKey(HeaderNames.Authorization)) return false;
        return base.ShouldCompressResponse(context);
    }
}
