using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Recipes;

namespace Outreach.Dispatch;

/// <summary>
/// <c>{ "step": "dispatch", "tours": [...], "requests": [...] }</c>: tours with their stops (keyed by slug and stop
/// position) and lecture requests in any state of the loop (keyed by <c>key</c>: a second run leaves an existing
/// request alone). <c>lecturer</c> is a lecturer's slug, or <c>"auto"</c> for the best suggestion; <c>tourStop</c>
/// ties a request to a stop (<c>"slug#position"</c>). Lengths are <see cref="DispatchLimits"/>, as in the API.
/// </summary>
public sealed class DispatchRecipeStep : IRecipeStep
{
    public string Name => "dispatch";

    static readonly string[] States = ["unconfirmed", "submitted", "dispatched", "accepted", "declined", "escalated", "reported", "completed", "closed"];

    public void Validate(JsonElement step, RecipeValidation v)
    {
        if (step.TryGetProperty("tours", out _))
            foreach (var (tour, path) in v.Items(step, "tours", v.Path))
            {
                v.RequiredString(tour, "slug", path, DispatchLimits.Slug);
                v.RequiredString(tour, "title", path, DispatchLimits.TourTitle);
                v.OptionalString(tour, "summary", path, DispatchLimits.Notes);
                foreach (var (stop, sp) in v.Items(tour, "stops", path))
                {
                    v.RequiredString(stop, "city", sp, DispatchLimits.City);
                    v.RequiredString(stop, "county", sp, DispatchLimits.County);
                    v.RequiredString(stop, "town", sp, DispatchLimits.County);
                    v.RequiredString(stop, "venue", sp, DispatchLimits.Venue);
                    if (v.OptionalInstant(stop, "date", sp) is null) v.Error(sp + ".date", "必填，ISO 8601 时间（含时区）");
                }
            }
        if (!step.TryGetProperty("requests", out _)) return;
        foreach (var (r, path) in v.Items(step, "requests", v.Path))
        {
            v.RequiredString(r, "key", path, 100);
            v.RequiredString(r, "organisation", path, DispatchLimits.Organisation);
            if (!Enum.TryParse<OrganisationType>(v.RequiredString(r, "organisationType", path, 20), true, out _)) v.Error(path + ".organisationType", "应为 school、community、village、company、government 或 other");
            v.RequiredString(r, "city", path, DispatchLimits.City);
            v.RequiredString(r, "county", path, DispatchLimits.County);
            v.OptionalString(r, "address", path, DispatchLimits.Address);
            v.RequiredString(r, "contactName", path, DispatchLimits.ContactName);
            if (OrderLecture.NormalisePhone(v.RequiredString(r, "contactPhone", path, DispatchLimits.Phone)) is null) v.Error(path + ".contactPhone", "应为 11 位手机号码");
            v.OptionalString(r, "contactEmail", path, DispatchLimits.Email);
            v.RequiredString(r, "topic", path, DispatchLimits.Topic);
            if (!DispatchLimits.Audiences.Contains(v.RequiredString(r, "audience", path, DispatchLimits.Audience))) v.Error(path + ".audience", "应为：" + string.Join("、", DispatchLimits.Audiences));
            v.OptionalString(r, "notes", path, DispatchLimits.Notes);
            v.OptionalString(r, "ratingComment", path, DispatchLimits.RatingComment);
            var state = v.RequiredString(r, "state", path, 20);
            if (state is not null && !States.Contains(state)) v.Error(path + ".state", "应为：" + string.Join("、", States));
            var times = r.TryGetProperty("preferredTimes", out var t) && t.ValueKind == JsonValueKind.Array ? t.GetArrayLength() : 0;
            if (times is < 1 or > 3) v.Error(path + ".preferredTimes", "一到三个时间（ISO 8601，含时区）");
            else foreach (var x in t.EnumerateArray()) if (x.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(x.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _)) v.Error(path + ".preferredTimes", "时间格式应为 ISO 8601（含时区）");
            if (state is "dispatched" or "accepted" or "declined" or "escalated" or "reported" or "completed" && !r.TryGetProperty("lecturer", out _))
                v.Error(path + ".lecturer", "此状态需要讲师（slug 或 auto）");
        }
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        var db = context.Db;
        var site = context.Site;
        var stops = new Dictionary<string, TourStop>();
        if (step.TryGetProperty("tours", out var tours))
            foreach (var t in tours.EnumerateArray())
            {
                var slug = t.GetProperty("slug").GetString()!;
                var tour = await db.Set<Tour>().Include(x => x.Stops).FirstOrDefaultAsync(x => x.Slug == slug, ct);
                if (tour is null) db.Add(tour = new Tour { SiteId = site.Id, Slug = slug });
                tour.Title = t.GetProperty("title").GetString()!;
                tour.Summary = t.TryGetProperty("summary", out var s) ? s.GetString() ?? "" : "";
                var position = 0;
                foreach (var st in t.GetProperty("stops").EnumerateArray())
                {
                    position++;
                    var stop = tour.Stops.FirstOrDefault(x => x.Position == position);
                    if (stop is null) tour.Stops.Add(stop = new TourStop { SiteId = site.Id, Position = position });
                    stop.City = st.GetProperty("city").GetString()!;
                    stop.County = st.GetProperty("county").GetString()!;
                    stop.Town = st.GetProperty("town").GetString()!;
                    stop.Venue = st.GetProperty("venue").GetString()!;
                    stop.Date = DateTimeOffset.Parse(st.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
                    stops[slug + "#" + position] = stop;
                }
            }
        await db.SaveChangesAsync(ct);
        if (!step.TryGetProperty("requests", out var requests)) return;

        var roster = context.Services.GetRequiredService<ILecturerRoster>();
        var suggestions = context.Services.GetRequiredService<Suggestions>();
        var lecturers = await roster.ActiveAsync(ct);
        var travel = DispatchSiteSettings.Of(site).TravelHours;
        foreach (var item in requests.EnumerateArray())
        {
            var key = KeyOf(site.Name, item.GetProperty("key").GetString()!);
            if (await db.Set<LectureRequest>().AnyAsync(x => x.Key == key, ct)) continue;
            string S(string name) => item.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
            int? I(string name) => item.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;
            var times = item.GetProperty("preferredTimes").EnumerateArray().Select(x => DateTimeOffset.Parse(x.GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime()).OrderBy(x => x).ToList();
            var state = S("state");
            var created = S("createdAt") is { Length: > 0 } c ? DateTimeOffset.Parse(c, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() : times[0].AddDays(-20);
            var r = new LectureRequest
            {
                SiteId = site.Id, Key = key, Organisation = S("organisation"), OrganisationType = Enum.Parse<OrganisationType>(S("organisationType"), true),
                City = S("city"), County = S("county"), Address = S("address"), ContactName = S("contactName"), ContactPhone = OrderLecture.NormalisePhone(S("contactPhone"))!,
                ContactEmail = S("contactEmail").ToLowerInvariant(), Topic = S("topic"), Audience = S("audience"), AudienceSize = I("audienceSize") ?? 50,
                PreferredAt1 = times[0], PreferredAt2 = times.ElementAtOrDefault(1) is var t2 && t2 != default ? t2 : null,
                PreferredAt3 = times.ElementAtOrDefault(2) is var t3 && t3 != default ? t3 : null, DurationMinutes = I("durationMinutes") ?? 90,
                Online = item.TryGetProperty("online", out var o) && o.ValueKind == JsonValueKind.True, Notes = S("notes"),
                ContactConfirmedAt = state == "unconfirmed" ? null : created.AddMinutes(3), CreatedAt = created, UpdatedAt = created,
                TourStopId = S("tourStop") is { Length: > 0 } ts && stops.TryGetValue(ts, out var stop) ? stop.Id : null,
                PlannedByOffice = S("tourStop").Length > 0,
                Status = state switch
                {
                    "dispatched" => RequestStatus.Dispatched, "accepted" => RequestStatus.Accepted, "reported" => RequestStatus.Reported,
                    "completed" => RequestStatus.Completed, "closed" => RequestStatus.Closed, _ => RequestStatus.Submitted,
                },
            };
            db.Add(r);
            await db.SaveChangesAsync(ct);
            if (r.Status == RequestStatus.Submitted && state is not ("declined" or "escalated")) continue;
            if (state == "closed") continue;
            var wanted = S("lecturer");
            var best = wanted == "auto" ? (await suggestions.ForAsync(r, 1, ct)).FirstOrDefault()?.LecturerId : null;
            var lecturer = lecturers.FirstOrDefault(l => wanted == "auto" ? l.Id == best : l.Slug == wanted);
            if (lecturer is null && wanted != "auto") throw new RecipeException([new RecipeError("dispatch", "dispatch", "$.requests", $"讲师 {wanted} 不存在或未在本站开放接单")]);
            if (lecturer is null)
            {
                // "auto" on a site without (matching) lecturers yet: the request waits in the queue like a new one.
                r.Status = RequestStatus.Submitted;
                await db.SaveChangesAsync(ct);
                continue;
            }
            var starts = S("startsAt") is { Length: > 0 } sa ? DateTimeOffset.Parse(sa, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() : times[0];
            var offered = created.AddDays(1);
            var d = new LectureDispatch
            {
                SiteId = site.Id, RequestId = r.Id, LecturerId = lecturer.Id, LecturerUserId = lecturer.UserId, LecturerName = lecturer.Name, StartsAt = starts,
                EndsAt = starts.AddMinutes(r.DurationMinutes), OfferedAt = offered, AnswerDueAt = offered.AddHours(72),
                Status = state switch
                {
                    "dispatched" => DispatchStatus.Offered, "declined" => DispatchStatus.Declined, "escalated" => DispatchStatus.Escalated,
                    "accepted" => DispatchStatus.Accepted, "reported" => DispatchStatus.Reported, _ => DispatchStatus.Confirmed,
                },
            };
            if (state != "dispatched") d.AnsweredAt = state == "escalated" ? null : offered.AddHours(I("responseHours") ?? 20);
            if (state == "escalated") d.EscalatedAt = d.AnswerDueAt;
            if (state == "declined") d.DeclineReason = S("declineReason") is { Length: > 0 } why ? why : "当天另有安排";
            if (state is "reported" or "completed")
            {
                d.ActualAudience = I("actualAudience") ?? r.AudienceSize;
                d.ActualMinutes = r.DurationMinutes;
                d.ReportNotes = S("reportNotes");
                d.ReportedAt = d.EndsAt.AddHours(6);
                r.Rating = I("rating");
                r.RatingComment = S("ratingComment");
                r.RatedAt = r.Rating is null ? null : d.ReportedAt.Value.AddDays(1);
            }
            r.FirstDispatchedAt = offered;
            db.Add(d);
            await db.SaveChangesAsync(ct);
            if (state == "completed")
            {
                d.ConfirmedAt = d.ReportedAt!.Value.AddDays(1);
                db.Add(new ServiceRecord
                {
                    SiteId = site.Id, DispatchId = d.Id, LecturerId = d.LecturerId, LecturerUserId = d.LecturerUserId, LecturerName = d.LecturerName,
                    Organisation = r.Organisation, Activity = "科普讲座：" + r.Topic, ServedAt = d.StartsAt, Hours = Math.Round(r.DurationMinutes / 60m, 2),
                    TravelHours = travel, CreatedAt = d.ConfirmedAt.Value,
                });
            }
        }
    }

    /// <summary>The same recipe key on the same site always gives the same request key, so a second run finds it.</summary>
    static Guid KeyOf(string site, string key) => new(MD5.HashData(Encoding.UTF8.GetBytes("dispatch-recipe:" + site + ":" + key)));
}
