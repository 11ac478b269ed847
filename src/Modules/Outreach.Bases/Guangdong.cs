namespace Outreach.Bases;

/// <summary>A prefecture-level city of Guangdong: its districts, a rough centre (WGS-84) and its tile on the schematic map.</summary>
public sealed record City(string Name, string NameEn, double Latitude, double Longitude, int Column, int Row, IReadOnlyList<string> Districts);

/// <summary>
/// Reference data: the 21 prefecture-level cities of Guangdong and their districts (county-level divisions; for
/// 东莞 and 中山, which have none, their towns and sub-districts). Tiles place each city roughly where it lies.
/// </summary>
public static class Guangdong
{
    public static readonly IReadOnlyList<City> Cities =
    [
        new("韶关", "Shaoguan", 24.81, 113.60, 4, 0, ["武江区", "浈江区", "曲江区", "乐昌市", "南雄市", "始兴县", "仁化县", "翁源县", "新丰县", "乳源瑶族自治县"]),
        new("清远", "Qingyuan", 23.68, 113.06, 3, 1, ["清城区", "清新区", "英德市", "连州市", "佛冈县", "阳山县", "连山壮族瑶族自治县", "连南瑶族自治县"]),
        new("河源", "Heyuan", 23.74, 114.70, 5, 1, ["源城区", "东源县", "和平县", "龙川县", "紫金县", "连平县"]),
        new("梅州", "Meizhou", 24.29, 116.12, 7, 1, ["梅江区", "梅县区", "兴宁市", "平远县", "蕉岭县", "大埔县", "丰顺县", "五华县"]),
        new("潮州", "Chaozhou", 23.66, 116.62, 8, 1, ["湘桥区", "潮安区", "饶平县"]),
        new("肇庆", "Zhaoqing", 23.05, 112.47, 2, 2, ["端州区", "鼎湖区", "高要区", "四会市", "广宁县", "怀集县", "封开县", "德庆县"]),
        new("佛山", "Foshan", 23.02, 113.12, 3, 2, ["禅城区", "南海区", "顺德区", "三水区", "高明区"]),
        new("广州", "Guangzhou", 23.13, 113.26, 4, 2, ["越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区", "番禺区", "花都区", "南沙区", "从化区", "增城区"]),
        new("惠州", "Huizhou", 23.11, 114.42, 5, 2, ["惠城区", "惠阳区", "博罗县", "惠东县", "龙门县"]),
        new("揭阳", "Jieyang", 23.55, 116.37, 7, 2, ["榕城区", "揭东区", "普宁市", "揭西县", "惠来县"]),
        new("汕头", "Shantou", 23.35, 116.68, 8, 2, ["龙湖区", "金平区", "濠江区", "潮阳区", "潮南区", "澄海区", "南澳县"]),
        new("云浮", "Yunfu", 22.92, 112.04, 2, 3, ["云城区", "云安区", "罗定市", "新兴县", "郁南县"]),
        new("江门", "Jiangmen", 22.58, 113.08, 3, 3, ["蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市"]),
        new("中山", "Zhongshan", 22.52, 113.39, 4, 3, ["石岐街道", "东区街道", "西区街道", "南区街道", "五桂山街道", "中山港街道", "南朗街道", "小榄镇", "古镇镇", "坦洲镇", "三乡镇", "东凤镇", "黄圃镇", "三角镇", "民众街道", "横栏镇", "板芙镇", "神湾镇", "大涌镇", "沙溪镇", "港口镇", "阜沙镇", "南头镇", "东升镇"]),
        new("东莞", "Dongguan", 23.02, 113.75, 5, 3, ["莞城街道", "南城街道", "东城街道", "万江街道", "松山湖", "石龙镇", "石排镇", "茶山镇", "企石镇", "桥头镇", "东坑镇", "横沥镇", "常平镇", "虎门镇", "长安镇", "沙田镇", "厚街镇", "寮步镇", "大岭山镇", "大朗镇", "黄江镇", "樟木头镇", "谢岗镇", "塘厦镇", "清溪镇", "凤岗镇", "麻涌镇", "中堂镇", "高埗镇", "石碣镇", "望牛墩镇", "洪梅镇", "道滘镇"]),
        new("汕尾", "Shanwei", 22.79, 115.37, 6, 3, ["城区", "陆丰市", "海丰县", "陆河县"]),
        new("茂名", "Maoming", 21.66, 110.93, 1, 4, ["茂南区", "电白区", "信宜市", "高州市", "化州市"]),
        new("阳江", "Yangjiang", 21.86, 111.98, 2, 4, ["江城区", "阳东区", "阳春市", "阳西县"]),
        new("珠海", "Zhuhai", 22.27, 113.58, 4, 4, ["香洲区", "斗门区", "金湾区"]),
        new("深圳", "Shenzhen", 22.54, 114.06, 5, 4, ["罗湖区", "福田区", "南山区", "宝安区", "龙岗区", "盐田区", "龙华区", "坪山区", "光明区"]),
        new("湛江", "Zhanjiang", 21.27, 110.36, 0, 5, ["赤坎区", "霞山区", "坡头区", "麻章区", "廉江市", "雷州市", "吴川市", "遂溪县", "徐闻县"]),
    ];

    static readonly Dictionary<string, City> ByName = Cities.ToDictionary(c => c.Name);

    public static City? Find(string? name) => name is not null && ByName.TryGetValue(name, out var c) ? c : null;

    public static bool IsDistrictOf(string city, string district) => Find(city)?.Districts.Contains(district) == true;

    public const string CityMessage = "应为广东省 21 个地级以上市之一（如 广州、深圳、韶关）";
}

/// <summary>The fixed vocabularies of the directory: keys in data and URLs, Chinese names on pages.</summary>
public static class BaseVocabulary
{
    public static readonly IReadOnlyDictionary<string, string> Themes = new Dictionary<string, string>
    {
        ["astronomy"] = "天文", ["marine"] = "海洋", ["health"] = "医学健康", ["ecology"] = "生态环保", ["agriculture"] = "农业",
        ["engineering"] = "工程技术", ["earth"] = "地质地理", ["life"] = "生命科学", ["physics"] = "物理", ["energy"] = "能源",
        ["ai"] = "人工智能", ["history"] = "科技史", ["safety"] = "安全应急", ["weather"] = "气象",
    };

    public static readonly IReadOnlyDictionary<string, string> Audiences = new Dictionary<string, string>
    {
        ["preschool"] = "学龄前儿童", ["primary"] = "小学生", ["secondary"] = "中学生", ["university"] = "大学生",
        ["families"] = "亲子家庭", ["adults"] = "成人", ["seniors"] = "老年人", ["teachers"] = "教师",
    };

    public static readonly IReadOnlyDictionary<string, string> Accessibility = new Dictionary<string, string>
    {
        ["wheelchair"] = "无障碍通道", ["lift"] = "无障碍电梯", ["toilet"] = "无障碍卫生间", ["hearing-loop"] = "助听环路",
    };

    public static readonly IReadOnlyDictionary<AccreditationLevel, string> Levels = new Dictionary<AccreditationLevel, string>
    {
        [AccreditationLevel.National] = "全国科普教育基地", [AccreditationLevel.Provincial] = "广东省科普教育基地", [AccreditationLevel.City] = "市级科普教育基地",
    };

    public static readonly IReadOnlyDictionary<AccreditationState, string> States = new Dictionary<AccreditationState, string>
    {
        [AccreditationState.Active] = "有效", [AccreditationState.UnderReview] = "复核中", [AccreditationState.Revoked] = "已撤销",
    };

    /// <summary>The categories the migration seeds; the platform admin edits the table afterwards.</summary>
    public static readonly IReadOnlyList<BaseCategory> SeedCategories =
    [
        new() { Id = 1, Key = "venue", Name = "场馆类", NameEn = "Science centres and museums", Position = 1 },
        new() { Id = 2, Key = "research", Name = "科研院所类", NameEn = "Research institutes", Position = 2 },
        new() { Id = 3, Key = "university", Name = "高校类", NameEn = "Universities", Position = 3 },
        new() { Id = 4, Key = "nature", Name = "自然生态类", NameEn = "Nature and ecology", Position = 4 },
        new() { Id = 5, Key = "agriculture", Name = "农业类", NameEn = "Agriculture", Position = 5 },
        new() { Id = 6, Key = "health", Name = "医疗卫生类", NameEn = "Health care", Position = 6 },
        new() { Id = 7, Key = "industry", Name = "企业类", NameEn = "Industry", Position = 7 },
        new() { Id = 8, Key = "other", Name = "其他", NameEn = "Other", Position = 8 },
    ];
}
