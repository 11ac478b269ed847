using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Outreach.Core.Content;
using Outreach.Core.Recipes;
using Outreach.Lecturers.Apply;

namespace Outreach.Lecturers;

/// <summary>A lecturer as a recipe gives it: the application's fields plus its slug (the key), state and teams.</summary>
public sealed record RecipeLecturer
{
    public string? Slug { get; init; }
    /// <summary><c>approved</c> (default), <c>pending</c> or <c>paused</c>.</summary>
    public string? Status { get; init; }
    public string? PausedUntil { get; init; }
    public string[]? Teams { get; init; }
}

/// <summary>
/// <c>{ "step": "lecturers", "disciplines": [ { "code", "name", "children": [ { "code", "name" } ] } ], "teams": [ { "slug", "name",
/// "description", "lead", "coverImageId" } ], "lecturers": [ { "slug", "name", "organisation", "titleLevel", "professionalTitle",
/// "fields", "topics": [ { "title", "summary", "audiences", "durationMinutes", "formats" } ], "regions": [ { "city", "county" } ],
/// "languages", "availableDays", "availableMonths", "bio", "privateFields", "teams", "status" } ] }</c>.
/// Keyed by code and slug, so a second run updates. Without <c>disciplines</c> the site gets the module's seed list.
/// Demo lecturers have no account; the checks are the application's (<see cref="LecturerInputCheck"/>).
/// </summary>
public sealed class LecturersRecipeStep : IRecipeStep
{
    public string Name => "lecturers";

    static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public void Validate(JsonElement step, RecipeValidation v)
    {
        var codes = new Dictionary<string, int>();
        if (step.TryGetProperty("disciplines", out _))
        {
            foreach (var (item, path) in v.Items(step, "disciplines", v.Path))
            {
                Code(item, path);
                v.RequiredString(item, "name", path, LecturerLimits.DisciplineName);
                foreach (var (child, childPath) in item.TryGetProperty("children", out _) ? v.Items(item, "children", path) : [])
                {
                    Code(child, childPath);
                    v.RequiredString(child, "name", childPath, LecturerLimits.DisciplineName);
                }
            }
        }
        else
        {
            foreach (var (code, _, children) in DisciplineList.Seed)
            {
                codes[code] = 0;
                foreach (var child in children) codes[child.Code] = 0;
            }
        }

        var teams = new HashSet<string>();
        var lecturers = new HashSet<string>();
        foreach (var (item, path) in step.TryGetProperty("lecturers", out _) ? v.Items(step, "lecturers", v.Path) : [])
        {
            var slug = v.RequiredString(item, "slug", path, LecturerLimits.Slug);
            if (slug is not null && (!Slugs.IsValid(slug) || !lecturers.Add(slug))) v.Error($"{path}.slug", "应为唯一的 slug（小写字母、数字和连字符）");
            LecturerInput? input;
            RecipeLecturer? extra;
            try
            {
                input = item.Deserialize<LecturerInput>(Json);
                extra = item.Deserialize<RecipeLecturer>(Json);
            }
            catch (JsonException e)
            {
                v.Error(path + (e.Path is { Length: > 1 } p ? p[1..] : ""), "类型不对：" + e.Message);
                continue;
            }
            if (input is null || extra is null) { v.Error(path, "应为对象"); continue; }
            var checkedInput = LecturerInputCheck.Check(input, codes, 2026, requireConsent: false);
            foreach (var (field, messages) in checkedInput.Errors) v.Error($"{path}.{field}", string.Join("；", messages));
            // A face is the person's to give (uploaded by them, private until they show it), not a recipe's.
            if (input.PhotoId is not null || input.PhotoPublic) v.Error($"{path}.photoId", "配方不能设置讲师照片：照片由讲师本人上传");
            if (extra.Status is not (null or "approved" or "pending" or "paused")) v.Error($"{path}.status", "应为 approved、pending 或 paused");
            if (extra.PausedUntil is { } until && !DateOnly.TryParseExact(until, "yyyy-MM-dd", out _)) v.Error($"{path}.pausedUntil", "日期格式应为 2026-12-31");
        }
        foreach (var (item, path) in step.TryGetProperty("teams", out _) ? v.Items(step, "teams", v.Path) : [])
        {
            var slug = v.RequiredString(item, "slug", path, LecturerLimits.Slug);
            if (slug is not null && (!Slugs.IsValid(slug) || !teams.Add(slug))) v.Error($"{path}.slug", "应为唯一的 slug（小写字母、数字和连字符）");
            if (v.RequiredString(item, "name", path, LecturerLimits.TeamName) is { } name && SingleLine.Check(name, LecturerLimits.TeamName, out _) is { } problem)
                v.Error($"{path}.name", problem);
            v.OptionalString(item, "description", path, LecturerLimits.TeamDescription);
            if (v.OptionalString(item, "lead", path, LecturerLimits.Slug) is { } lead && !lecturers.Contains(lead))
                v.Error($"{path}.lead", $"未知讲师“{lead}”：应为本步骤 lecturers 中的 slug");
        }
        foreach (var (item, path) in step.TryGetProperty("lecturers", out _) ? v.Items(step, "lecturers", v.Path) : [])
            foreach (var (team, i) in item.Array("teams").Select((t, i) => (t, i)))
                if (team.ValueKind != JsonValueKind.String || !teams.Contains(team.GetString()!))
                    v.Error($"{path}.teams[{i}]", "应为本步骤 teams 中的 slug");

        void Code(JsonElement item, string path)
        {
            var code = v.RequiredString(item, "code", path, LecturerLimits.DisciplineCode);
            if (code is not null && (!Slugs.IsValid(code) || !codes.TryAdd(code, 0))) v.Error($"{path}.code", "应为唯一的代码（小写字母、数字和连字符）");
        }
    }

    public async Task ApplyAsync(JsonElement step, RecipeApplyContext context, CancellationToken ct)
    {
        var db = context.Db;
        var now = DateTimeOffset.UtcNow;
        if (step.TryGetProperty("disciplines", out _))
        {
            var position = 0;
            foreach (var item in step.Array("disciplines"))
            {
                var parent = await UpsertDisciplineAsync(item, null, position++);
                await db.SaveChangesAsync(ct);
                foreach (var child in item.Array("children")) await UpsertDisciplineAsync(child, parent.Id, position++);
            }
            await db.SaveChangesAsync(ct);
        }
        else await DisciplineList.EnsureAsync(db, ct);
        var codes = await db.Set<Discipline>().AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Id, ct);

        var teams = new Dictionary<string, LecturerTeam>();
        var teamPosition = 0;
        foreach (var item in step.Array("teams"))
        {
            var slug = item.String("slug")!;
            var team = await db.Set<LecturerTeam>().FirstOrDefaultAsync(t => t.Slug == slug, ct);
            if (team is null) db.Add(team = new LecturerTeam { SiteId = context.Site.Id, Slug = slug, CreatedAt = now });
            team.Name = SingleLine.Normalize(item.String("name"));
            team.Description = item.String("description") ?? "";
            team.CoverImageId = item.TryGetProperty("coverImageId", out var cover) && cover.ValueKind == JsonValueKind.Number ? cover.GetInt32() : null;
            team.Position = teamPosition++;
            team.UpdatedAt = now;
            teams[slug] = team;
        }
        await db.SaveChangesAsync(ct);

        var bySlug = new Dictionary<string, Lecturer>();
        foreach (var item in step.Array("lecturers"))
        {
            var input = item.Deserialize<LecturerInput>(Json)!;
            var extra = item.Deserialize<RecipeLecturer>(Json)!;
            var c = LecturerInputCheck.Check(input, codes, 2026, requireConsent: false);
            var lecturer = await db.Set<Lecturer>().FirstOrDefaultAsync(l => l.Slug == extra.Slug, ct);
            if (lecturer is null) db.Add(lecturer = new Lecturer { SiteId = context.Site.Id, Slug = extra.Slug!, CreatedAt = now, ConsentedAt = now });
            lecturer.Name = c.Name;
            lecturer.Gender = c.Gender;
            lecturer.BirthYear = c.BirthYear;
            lecturer.Organisation = c.Organisation;
            lecturer.TitleLevel = c.TitleLevel;
            lecturer.ProfessionalTitle = c.ProfessionalTitle;
            lecturer.Bio = c.Bio;
            lecturer.PrivateFields = c.Private;
            lecturer.Languages = c.Languages;
            lecturer.AvailableDays = c.Days;
            lecturer.AvailableMonths = c.Months;
            lecturer.AvailabilityNote = c.AvailabilityNote;
            lecturer.Status = extra.Status switch { "pending" => LecturerStatus.Pending, "paused" => LecturerStatus.Paused, _ => LecturerStatus.Approved };
            lecturer.PausedUntil = extra.PausedUntil is { } until ? DateOnly.ParseExact(until, "yyyy-MM-dd") : null;
            lecturer.ApprovedAt ??= lecturer.Status == LecturerStatus.Pending ? null : now;
            lecturer.UpdatedAt = now;
            await db.SaveChangesAsync(ct);

            await db.Set<LecturerTopic>().Where(t => t.LecturerId == lecturer.Id).ExecuteDeleteAsync(ct);
            await db.Set<LecturerRegion>().Where(r => r.LecturerId == lecturer.Id).ExecuteDeleteAsync(ct);
            await db.Set<LecturerTeamMember>().Where(m => m.LecturerId == lecturer.Id).ExecuteDeleteAsync(ct);
            await LecturerApplications.SetDisciplinesAsync(db, lecturer, c.DisciplineIds, ct);
            foreach (var t in c.Topics) { t.LecturerId = lecturer.Id; t.SiteId = lecturer.SiteId; db.Add(t); }
            foreach (var r in c.Regions) { r.LecturerId = lecturer.Id; r.SiteId = lecturer.SiteId; db.Add(r); }
            foreach (var slug in extra.Teams ?? []) db.Add(new LecturerTeamMember { SiteId = lecturer.SiteId, TeamId = teams[slug].Id, LecturerId = lecturer.Id });
            if (lecturer.Status == LecturerStatus.Pending && !await db.Set<LecturerApplication>().AnyAsync(a => a.OpenLecturerId == lecturer.Id, ct))
                db.Add(new LecturerApplication
                {
                    SiteId = lecturer.SiteId, LecturerId = lecturer.Id, Kind = ApplicationKind.New, Status = ApplicationStatus.Pending,
                    OpenLecturerId = lecturer.Id, SubmittedAt = now,
                });
            LecturerIndex.Touch(db, lecturer);
            bySlug[lecturer.Slug] = lecturer;
        }
        foreach (var item in step.Array("teams"))
            teams[item.String("slug")!].LeadLecturerId = item.String("lead") is { } lead && bySlug.TryGetValue(lead, out var l) ? l.Id : null;
        await db.SaveChangesAsync(ct);

        async Task<Discipline> UpsertDisciplineAsync(JsonElement item, int? parentId, int position)
        {
            var code = item.String("code")!;
            var discipline = await db.Set<Discipline>().FirstOrDefaultAsync(d => d.Code == code, ct);
            if (discipline is null) db.Add(discipline = new Discipline { SiteId = context.Site.Id, Code = code });
            discipline.Name = item.String("name")!;
            discipline.ParentId = parentId;
            discipline.Position = position;
            return discipline;
        }
    }
}
