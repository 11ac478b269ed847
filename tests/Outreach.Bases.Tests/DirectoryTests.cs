using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outreach.Bases.Tests;

/// <summary>The directory: filters, Chinese search, the map, downloads and the base page's metadata.</summary>
public partial class DirectoryTests(BasesFixture fixture) : IClassFixture<BasesFixture>
{
    async Task<string[]> NamesAsync(string query)
    {
        var list = await fixture.App.Client().JsonAsync("/gd/api/v1/bases" + query);
        return list["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Order().ToArray();
    }

    [Fact]
    public async Task List_is_paged_like_the_events_API_with_id_name_city_category_and_url()
    {
        var list = await fixture.App.Client().JsonAsync("/gd/api/v1/bases");
        Assert.Equal(5, list["total"]!.GetValue<int>());
        Assert.Equal(1, list["page"]!.GetValue<int>());
        Assert.Equal(20, list["pageSize"]!.GetValue<int>());
        var centre = list["items"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "岭南科学中心")!;
        Assert.True(centre["id"]!.GetValue<int>() > 0);
        Assert.Equal("广州", centre["city"]!.GetValue<string>());
        Assert.Equal("venue", centre["category"]!.GetValue<string>());
        Assert.Equal("http://localhost/gd/bases/science-centre", centre["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filters_by_city_district_category_audience_age_price_access_and_bookability()
    {
        Assert.Equal(["岭南科学中心", "心血管健康科普馆"], await NamesAsync("?city=广州"));
        Assert.Equal(["心血管健康科普馆"], await NamesAsync("?city=广州&district=越秀区"));
        Assert.Equal(["南海海洋研究所开放实验室"], await NamesAsync("?category=research"));
        Assert.Equal(["心血管健康科普馆"], await NamesAsync("?audience=seniors"));
        Assert.DoesNotContain("南海海洋研究所开放实验室", await NamesAsync("?age=10"));
        Assert.Contains("南海海洋研究所开放实验室", await NamesAsync("?age=14"));
        Assert.DoesNotContain("客家生态农场科普园", await NamesAsync("?free=true"));
        Assert.Equal(["南岭植物园", "岭南科学中心"], await NamesAsync("?accessible=true"));
        Assert.Equal(["南岭植物园", "心血管健康科普馆"], await NamesAsync("?bookable=true"));
    }

    [Fact]
    public async Task Open_on_a_date_applies_the_hours_rules()
    {
        // An ordinary Monday: the museums are closed, the office-hours bases open.
        Assert.Equal(["南海海洋研究所开放实验室", "心血管健康科普馆"], await NamesAsync("?openOn=2026-09-14"));
        // The National Day Monday: the other way round.
        Assert.Equal(["南岭植物园", "客家生态农场科普园", "岭南科学中心"], await NamesAsync("?openOn=2026-10-05"));
    }

    [Fact]
    public async Task Chinese_full_text_search_finds_words_in_summary_and_introduction()
    {
        Assert.Equal(["南海海洋研究所开放实验室"], await NamesAsync("?q=标本"));
        Assert.Equal(["岭南科学中心"], await NamesAsync("?q=球幕影院"));
        Assert.Equal(["客家生态农场科普园"], await NamesAsync("?q=茶园&city=梅州"));
        Assert.Empty(await NamesAsync("?q=茶园&city=广州"));
        Assert.Empty(await NamesAsync("?q=恐龙化石"));
        // Facets describe the found set.
        var list = await fixture.App.Client().JsonAsync("/gd/api/v1/bases?q=" + Uri.EscapeDataString("生态"));
        Assert.True(list["byCategory"]!["nature"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public async Task Sort_by_distance_uses_the_given_point_only()
    {
        var list = await fixture.App.Client().JsonAsync("/gd/api/v1/bases?sort=distance&lat=21.2&lng=110.4");
        var first = list["items"]![0]!;
        Assert.Equal("南海海洋研究所开放实验室", first["name"]!.GetValue<string>());
        Assert.InRange(first["distanceKm"]!.GetValue<double>(), 0, 2);
        var near = await fixture.App.Client().JsonAsync("/gd/api/v1/bases?sort=distance&lat=24.3&lng=116.2");
        Assert.Equal("客家生态农场科普园", near["items"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_filters_are_400_problems_naming_the_field()
    {
        foreach (var (query, field) in new[] { ("?city=北京", "city"), ("?openOn=9月1日", "openOn"), ("?sort=distance", "lat"), ("?city=广州&district=福田区", "district") })
        {
            var response = await fixture.App.Client().GetAsync("/gd/api/v1/bases" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.NotNull(problem!["errors"]![field]);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.App.Client().GetAsync("/gd/bases?city=北京")).StatusCode);
    }

    [Fact]
    public async Task The_directory_page_draws_the_21_cities_with_counts_each_a_link()
    {
        var html = await fixture.App.Client().GetStringAsync("/gd/bases");
        var svg = Regex.Match(html, "<svg class=\"gd-map\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(21, Regex.Matches(svg, "<a href=").Count);
        Assert.Contains("aria-label=\"广州：2 个基地\"", svg);
        Assert.Contains("aria-label=\"深圳：0 个基地\"", svg);
        Assert.Contains("href=\"/gd/bases?city=%E5%B9%BF%E5%B7%9E\"", svg);
        Assert.DoesNotContain("<script src=\"http", html); // no third-party scripts
        var guangzhou = await fixture.App.Client().GetStringAsync("/gd/bases?city=广州");
        Assert.Contains("岭南科学中心", guangzhou);
        Assert.DoesNotContain("南岭植物园</h2>", guangzhou);
    }

    [Fact]
    public async Task GeoJSON_is_a_FeatureCollection_with_coordinates_in_range()
    {
        var response = await fixture.App.Client().GetAsync("/gd/bases.geojson");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var geo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("FeatureCollection", geo["type"]!.GetValue<string>());
        var features = geo["features"]!.AsArray();
        Assert.Equal(5, features.Count);
        foreach (var f in features)
        {
            Assert.Equal("Feature", f!["type"]!.GetValue<string>());
            Assert.Equal("Point", f["geometry"]!["type"]!.GetValue<string>());
            var c = f["geometry"]!["coordinates"]!.AsArray();
            Assert.Equal(2, c.Count);
            Assert.InRange(c[0]!.GetValue<double>(), 109.6, 117.4); // longitude first (RFC 7946), inside Guangdong
            Assert.InRange(c[1]!.GetValue<double>(), 20.1, 25.6);
            Assert.StartsWith("http://localhost/gd/bases/", f["properties"]!["url"]!.GetValue<string>());
        }
        var filtered = JsonNode.Parse(await fixture.App.Client().GetStringAsync("/gd/bases.geojson?city=湛江"))!;
        Assert.Single(filtered["features"]!.AsArray());
    }

    [Fact]
    public async Task CSV_download_opens_in_Excel_with_Chinese()
    {
        var response = await fixture.App.Client().GetAsync("/gd/bases.csv?city=广州");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("名称,", lines[0]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Base_page_has_TouristAttraction_JSON_LD_with_opening_hours_OpenGraph_and_safe_rich_text()
    {
        var html = await fixture.App.Client().GetStringAsync("/gd/bases/science-centre");
        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var ld = JsonNode.Parse(json)!;
        Assert.Contains("TouristAttraction", ld["@type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("Place", ld["@type"]!.AsArray().Select(t => t!.GetValue<string>()));
        var spec = ld["openingHoursSpecification"]!.AsArray()[0]!;
        Assert.Equal("OpeningHoursSpecification", spec["@type"]!.GetValue<string>());
        Assert.Equal("09:30", spec["opens"]!.GetValue<string>());
        Assert.DoesNotContain("Monday", spec["dayOfWeek"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(23.0435, ld["geo"]!["latitude"]!.GetValue<double>());
        Assert.Contains("<meta property=\"og:title\" content=\"岭南科学中心\">", html);
        Assert.Contains("<strong>天文馆</strong>", html);
        Assert.DoesNotContain("alert(1)", html);
        Assert.Contains("https://uri.amap.com/marker?position=113.38", html); // GCJ-02 (the WGS-84 longitude is 113.3797)
        Assert.Contains("coord_type=bd09ll", html);
        Assert.Contains("geo:23.0435,113.3797", html);
    }

    [Fact]
    public async Task Sitemap_lists_the_directory_and_each_base()
    {
        var xml = await fixture.App.Client().GetStringAsync("/gd/sitemap.xml");
        Assert.Contains("/gd/bases/science-centre</loc>", xml);
        Assert.Contains("/gd/bases</loc>", xml);
    }

    [Fact]
    public async Task Unknown_base_is_404_and_a_known_one_is_200()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.Client().GetAsync("/gd/bases/no-such-base")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.Client().GetAsync("/gd/bases/hakka-farm")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.Client().GetAsync("/gd/api/v1/bases/999999")).StatusCode);
    }

    [Fact]
    public async Task The_API_is_typed_in_the_OpenAPI_document()
    {
        var doc = await fixture.App.Client().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/bases", "/api/v1/bases/{id}", "/api/v1/bases/{id}/slots", "/api/v1/bases/{id}/visits", "/api/v1/admin/bases/{id}/visits" })
            Assert.Contains($"\"{path}\"", doc);
        Assert.Contains("VisitCreated", doc);
        Assert.Contains("BaseDetail", doc);
    }
}
