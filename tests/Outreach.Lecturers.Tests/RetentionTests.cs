using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Mail;
using Outreach.Core.Scheduling;
using Outreach.Core.Security;
using Outreach.Lecturers.Photos;
using Outreach.Tests.Infrastructure;

namespace Outreach.Lecturers.Tests;

/// <summary>
/// Stands in for the dispatch module's answer to <see cref="ILecturerServiceRecords"/> (it keeps the hours): the
/// lecturers a test says have service records. Only this is not the real module; the rest of the app is.
/// </summary>
public sealed class ServiceRecordsStandIn : ILecturerServiceRecords
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> WithRecords = new();

    public Task<IReadOnlySet<int>> WithRecordsAsync(IReadOnlyCollection<int> lecturerIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<int>>(lecturerIds.Where(WithRecords.ContainsKey).ToHashSet());
}

public sealed class RetentionFixture() : SitesFixture("guild-north", "guild-south")
{
    sealed class Factory : OutreachFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddScoped<ILecturerServiceRecords, ServiceRecordsStandIn>());
        }
    }

    protected override OutreachFactory CreateFactory() => new Factory();
}

/// <summary>After leaving: unpublished at once; after the retention period deleted, or anonymised when service records need the row.</summary>
public sealed class RetentionTests(RetentionFixture fixture) : IClassFixture<RetentionFixture>
{
    async Task<(HttpClient Client, int UserId, int LecturerId)> ApprovedWithPhotoAsync(string name, string topic)
    {
        var (client, _, userId) = await fixture.App.PersonAsync();
        using var png = new MemoryStream();
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(40, 50)) SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, png);
        var file = new ByteArrayContent(png.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        var uploaded = await client.PostAsync("/north/api/v1/my/lecturer/photos", new MultipartFormDataContent { { file, "file", "me.png" } });
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var application = System.Text.Json.JsonSerializer.SerializeToNode(Lecturing.Application(name: name, topic: topic))!.AsObject();
        application["photoId"] = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        var id = await client.AppliedAsync(application);
        var reviewer = await fixture.App.TokenClientAsync("north", SiteRole.Reviewer);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync(id, "approve")).StatusCode);
        var mine = (await client.GetFromJsonAsync<JsonObject>("/north/api/v1/my/lecturer"))!;
        return (client, userId, mine["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task After_the_retention_period_a_left_lecturer_is_deleted_or_with_service_records_anonymised()
    {
        var (quitter, quitterUser, quitterId) = await ApprovedWithPhotoAsync("黎少雄", "鱼塘增氧的学问");
        var (veteran, veteranUser, veteranId) = await ApprovedWithPhotoAsync("钟丽华", "荔枝病虫害的绿色防控");
        var (_, stayerUser, stayerId) = await ApprovedWithPhotoAsync("谭国栋", "台风过后的果园管理");
        ServiceRecordsStandIn.WithRecords[veteranId] = true;
        Assert.Equal(HttpStatusCode.NoContent, (await quitter.PostAsync("/north/api/v1/my/lecturer/leave", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await veteran.PostAsync("/north/api/v1/my/lecturer/leave", null)).StatusCode);
        var job = fixture.App.Services.GetRequiredService<LecturerRetentionJob>();

        // Within the period nothing is removed (the consent text promises the data for that long, no longer).
        fixture.App.Clock.Advance(TimeSpan.FromDays(179));
        Assert.Equal((0, 0), await job.RunAsync());
        Assert.Equal(3, await Count<Lecturer>(l => l.Id == quitterId || l.Id == veteranId || l.Id == stayerId));

        Assert.True(await Mails(quitterId, veteranId) > 0); // control: they were mailed (received, approved, left)
        // Half a year on, those mails went long ago (a row being sent at that very moment is left alone by the outbox).
        await fixture.App.Services.GetRequiredService<DeliverOutboxJob>().RunAsync();

        fixture.App.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal((1, 1), await job.RunAsync());
        Assert.Equal(0, await Count<Lecturer>(l => l.Id == quitterId));
        Assert.Equal(0, await Count<LecturerTopic>(t => t.LecturerId == quitterId || t.LecturerId == veteranId));
        Assert.Equal(0, await Count<LecturerApplication>(a => a.LecturerId == quitterId));
        Assert.Equal(0, await Count<LecturerPhoto>(p => p.UserId == quitterUser || p.UserId == veteranUser));
        Assert.Equal(0, await Mails(quitterId, veteranId));

        var kept = await fixture.App.WithSiteAsync(null, db => db.Set<Lecturer>().IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == veteranId));
        Assert.Equal(("已退出的讲师", (int?)null, "", "", (int?)null), (kept.Name, kept.UserId, kept.Organisation, kept.Bio, kept.BirthYear));
        Assert.NotNull(kept.AnonymisedAt);

        // Control: a lecturer who stayed keeps everything, photo included.
        Assert.Equal(1, await Count<Lecturer>(l => l.Id == stayerId && l.Name == "谭国栋"));
        Assert.Equal(1, await Count<LecturerPhoto>(p => p.UserId == stayerUser));
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.CreatePlainClient().GetAsync($"/north/api/v1/lecturers/{stayerId}")).StatusCode);

        // Running again changes nothing (safe to re-run).
        Assert.Equal((0, 0), await job.RunAsync());
    }

    Task<int> Mails(params int[] lecturerIds)
    {
        var references = lecturerIds.Select(LecturerMails.Reference).ToList();
        return fixture.App.WithSiteAsync(null, db => db.OutboxMails.IgnoreQueryFilters().CountAsync(m => m.Reference != null && references.Contains(m.Reference)));
    }

    Task<int> Count<T>(System.Linq.Expressions.Expression<Func<T, bool>> where) where T : class =>
        fixture.App.WithSiteAsync(null, db => db.Set<T>().IgnoreQueryFilters().CountAsync(where));
}
