using Outreach.Core.Hosting;
using Outreach.Admin;
using Outreach.Bases;
using Outreach.Dispatch;
using Outreach.Events;
using Outreach.Lecturers;
using Outreach.Journals;
using Outreach.Media;
using Outreach.Pages;
using Outreach.Registration;
using Outreach.Search;
using Outreach.Web.Cli;

var verb = Verbs.Parse(args);
if (verb.Error is not null) return Verbs.Usage(verb.Error);

var builder = WebApplication.CreateBuilder(verb.HostArgs);
builder.AddOutreach()
    .AddModule<AdminModule>()
    .AddModule<PagesModule>()
    .AddModule<SearchModule>()
    .AddModule<MediaModule>()
    .AddModule<EventsModule>()
    .AddModule<RegistrationModule>()
    .AddModule<LecturersModule>()
    .AddModule<DispatchModule>()
    .AddModule<JournalsModule>()
    .AddModule<BasesModule>();
builder.Services.AddOpenApi(Outreach.Web.OpenApiConventions.Configure);

var app = builder.Build();
app.UseOutreach();
app.MapOpenApi();

return await verb.RunAsync(app);

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
