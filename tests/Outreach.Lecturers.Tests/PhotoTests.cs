using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Security;
using Outreach.Lecturers.Photos;
using Outreach.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Outreach.Lecturers.Tests;

/// <summary>Photos uploaded by the lecturer: checked by Media, private until the lecturer shows them and a reviewer agrees.</summary>
public sealed class PhotoTests(LecturersFixture fixture) : IClassFixture<LecturersFixture>
{
    const string Secret = "EXIF-SECRET-22.2710N";

    /// <summary>A 900×1200 JPEG portrait whose EXIF carries <see cref="Secret"/> (as a camera's GPS note would).</summary>
    static byte[] Portrait()
    {
        using var image = new Image<Rgba32>(900, 1200, new Rgba32(180, 140, 120));
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Copyright, Secret);
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    static MultipartFormDataContent Upload(byte[] bytes, string name = "me.jpg", string type = "image/jpeg")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    static JsonObject WithPhoto(object application, int? photoId, bool photoPublic)
    {
        var json = JsonSerializer.SerializeToNode(application)!.AsObject();
        json["photoId"] = photoId;
        json["photoPublic"] = photoPublic;
        return json;
    }

    [Fact]
    public async Task A_private_photo_is_seen_by_its_owner_and_reviewers_only_until_the_lecturer_shows_it_and_a_reviewer_agrees()
    {
        var (client, _, _) = await fixture.App.PersonAsync();
        var reviewer = await fixture.App.TokenClientAsync("north", SiteRole.Reviewer);
        var southReviewer = await fixture.App.TokenClientAsync("south", SiteRole.Reviewer);
        var anonymous = fixture.App.CreatePlainClient();
        var original = Portrait();
        Assert.True(Contains(original, Secret)); // control: the upload carries the metadata

        var uploaded = await client.PostAsync("/north/api/v1/my/lecturer/photos", Upload(original));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var photo = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        var photoId = photo["id"]!.GetValue<int>();
        Assert.Equal((600, 800), (photo["width"]!.GetValue<int>(), photo["height"]!.GetValue<int>()));
        var own = $"/north/lecturers/me/photos/{photoId}.jpg";

        var application = Lecturing.Application(name: "梁婉仪", topic: "看懂体检报告");
        var applicationId = await client.AppliedAsync(WithPhoto(application, photoId, photoPublic: false));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync(applicationId, "approve")).StatusCode);
        var mine = (await client.GetFromJsonAsync<JsonObject>("/north/api/v1/my/lecturer"))!;
        var (lecturerId, slug) = (mine["id"]!.GetValue<int>(), mine["slug"]!.GetValue<string>());
        var publicPhoto = $"/north/lecturers/{slug}/photo-{photoId}.jpg";

        // Private: the owner and the site's reviewers see it, cleaned of metadata; nobody else, nowhere public.
        var seen = await client.GetAsync(own);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal("image/jpeg", seen.Content.Headers.ContentType!.MediaType);
        var stored = await seen.Content.ReadAsByteArrayAsync();
        Assert.False(Contains(stored, Secret));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/north/admin/lecturers/photos/{photoId}.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await southReviewer.GetAsync($"/south/admin/lecturers/photos/{photoId}.jpg")).StatusCode);
        var (stranger, _, _) = await fixture.App.PersonAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(own)).StatusCode);
        Assert.Contains((await anonymous.GetAsync(own)).StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Unauthorized }); // to the sign-in
        await AssertHiddenAsync(anonymous, lecturerId, slug, publicPhoto);

        // Nobody can put another person's photo in an application.
        var borrowed = await stranger.ApplyAsync(WithPhoto(Lecturing.Application(name: "冒名者"), photoId, photoPublic: true));
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
        Assert.NotNull((await borrowed.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["photoId"]);

        // Showing it is a change for review; meanwhile the approved version (no photo) stays public.
        var change = await client.ApplyAsync(WithPhoto(application, photoId, photoPublic: true));
        Assert.Equal(HttpStatusCode.Created, change.StatusCode);
        await AssertHiddenAsync(anonymous, lecturerId, slug, publicPhoto);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync((await change.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>(), "approve")).StatusCode);

        var item = (await anonymous.GetFromJsonAsync<JsonObject>($"/north/api/v1/lecturers/{lecturerId}"))!;
        Assert.Equal("http://localhost" + publicPhoto, item["photoUrl"]!.GetValue<string>());
        var shown = await anonymous.GetAsync(publicPhoto);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(stored, await shown.Content.ReadAsByteArrayAsync());
        var html = (await anonymous.FetchAsync($"/north/lecturers/{slug}")).Body;
        Assert.Contains($"<meta property=\"og:image\" content=\"http://localhost{publicPhoto}\">", html);
        Assert.Contains($"\"image\":\"http://localhost{publicPhoto}\"", html);

        // Hiding it again takes effect at once, without review.
        var hidden = await client.ApplyAsync(WithPhoto(application, photoId, photoPublic: false));
        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        await AssertHiddenAsync(anonymous, lecturerId, slug, publicPhoto);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(own)).StatusCode);

        // Asked to show it again, then changed their mind while the change waits: the approval does not show it.
        var again = await client.ApplyAsync(WithPhoto(application, photoId, photoPublic: true));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.ApplyAsync(WithPhoto(application, photoId, photoPublic: false))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/north/api/v1/my/lecturer/photo/hide", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.DecideAsync((await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>(), "approve")).StatusCode);
        await AssertHiddenAsync(anonymous, lecturerId, slug, publicPhoto);
    }

    async Task AssertHiddenAsync(HttpClient anonymous, int lecturerId, string slug, string publicPhoto)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(publicPhoto)).StatusCode);
        var item = await anonymous.GetStringAsync($"/north/api/v1/lecturers/{lecturerId}");
        Assert.Contains("\"photoUrl\":null", item);
        Assert.DoesNotContain("/photo", item);
        var list = await anonymous.GetStringAsync("/north/api/v1/lecturers");
        Assert.Contains(slug, list); // control: the lecturer is listed
        Assert.DoesNotContain("/photo", list);
        var html = (await anonymous.FetchAsync($"/north/lecturers/{slug}")).Body;
        Assert.Contains("讲座菜单", html); // control: the profile is shown
        Assert.DoesNotContain("/photo", html);
        Assert.DoesNotContain("og:image", html);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_or_too_large_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var (client, _, userId) = await fixture.App.PersonAsync();
        var text = await client.PostAsync("/north/api/v1/my/lecturer/photos", Upload(Encoding.UTF8.GetBytes("这不是图片，只是一段文字。"), "fake.jpg"));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await text.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["file"]);

        var large = await client.PostAsync("/north/api/v1/my/lecturer/photos", Upload(new byte[LecturerLimits.PhotoBytes + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("10 MB", await large.Content.ReadAsStringAsync());

        var (unconfirmed, _, _) = await fixture.App.PersonAsync(confirmed: false);
        Assert.Equal(HttpStatusCode.Forbidden, (await unconfirmed.PostAsync("/north/api/v1/my/lecturer/photos", Upload(Portrait()))).StatusCode);
        Assert.Equal(0, await fixture.App.WithSiteAsync(null, db => db.Set<LecturerPhoto>().IgnoreQueryFilters().CountAsync(p => p.UserId == userId)));

        // Control: the same person's real photo is stored.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/north/api/v1/my/lecturer/photos", Upload(Portrait()))).StatusCode);
        Assert.Equal(1, await fixture.App.WithSiteAsync(null, db => db.Set<LecturerPhoto>().IgnoreQueryFilters().CountAsync(p => p.UserId == userId)));
    }

    [Fact]
    public async Task The_apply_form_saves_an_uploaded_photo_with_the_application_or_not_at_all()
    {
        var (_, email, userId) = await fixture.App.PersonAsync();
        var browser = await fixture.App.SignedInClientAsync(email, "/north");

        async Task<HttpResponseMessage> PostAsync(byte[] photo, string name)
        {
            var form = People.Antiforgery(await browser.GetStringAsync("/north/lecturers/apply"));
            var content = new MultipartFormDataContent();
            void Field(string key, string value) => content.Add(new StringContent(value), key);
            Field("__RequestVerificationToken", form);
            Field("name", name);
            Field("organisation", "广州医科大学附属第二医院");
            Field("titleLevel", "senior");
            Field("professionalTitle", "主任医师");
            Field("fields", "climate");
            Field("topic_title_0", "儿童近视怎么防");
            Field("topic_summary_0", "用眼习惯与户外活动。");
            Field("topic_audience_0", "students");
            Field("topic_duration_0", "45");
            Field("topic_onsite_0", "true");
            Field("cities", "广州");
            Field("languages", "mandarin");
            Field("consent", "true");
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(file, "photo", "me.jpg");
            return await browser.PostAsync("/north/lecturers/apply", content);
        }

        var refused = await PostAsync(Encoding.UTF8.GetBytes("不是图片"), "欧阳敏");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("照片", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await fixture.App.WithSiteAsync(null, db => db.Set<Lecturer>().IgnoreQueryFilters().CountAsync(l => l.UserId == userId)));
        Assert.Equal(0, await fixture.App.WithSiteAsync(null, db => db.Set<LecturerPhoto>().IgnoreQueryFilters().CountAsync(p => p.UserId == userId)));

        var sent = await PostAsync(Portrait(), "欧阳敏");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (lecturer, photos) = await fixture.App.WithSiteAsync(null, async db => (
            await db.Set<Lecturer>().IgnoreQueryFilters().SingleAsync(l => l.UserId == userId),
            await db.Set<LecturerPhoto>().IgnoreQueryFilters().Where(p => p.UserId == userId).Select(p => p.Id).ToListAsync()));
        Assert.Equal(photos.Single(), lecturer.PhotoId);
        Assert.False(lecturer.PhotoPublic); // not ticked: private
        var own = await browser.GetAsync($"/north/lecturers/me/photos/{lecturer.PhotoId}.jpg"); // the owner sees it, signed in with the cookie
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/jpeg", own.Content.Headers.ContentType!.MediaType);
    }
}
