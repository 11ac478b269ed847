using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Modules;
using Outreach.Core.Themes;

namespace Outreach.Core.Hosting;

/// <summary>Composes the host: <c>builder.AddOutreach().AddModule&lt;PagesModule&gt;()</c>.</summary>
public sealed class OutreachBuilder(WebApplicationBuilder host)
{
    public WebApplicationBuilder Host { get; } = host;

    public OutreachBuilder AddModule<TModule>() where TModule : OutreachModule, new()
    {
        Host.Services.AddOutreachModule<TModule>(Host.Configuration);
        return this;
    }
}
