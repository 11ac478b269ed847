namespace Outreach.Dispatch;

/// <summary>One set of field lengths for the EF model, the API, the form and the recipe step.</summary>
public static class DispatchLimits
{
    public const int Organisation = 100;
    public const int City = 20;
    public const int County = 30;
    public const int Address = 200;
    public const int ContactName = 50;
    public const int Phone = 20;
    public const int Email = 256;
    public const int Topic = 200;
    public const int Audience = 30;
    public const int Notes = 1000;
    public const int Reason = 500;
    public const int RatingComment = 500;
    public const int LecturerName = 100;
    public const int Serial = 20;
    public const int TourTitle = 200;
    public const int Slug = 80;
    public const int Venue = 200;
    public const int MaxAudience = 100_000;
    public const int MinMinutes = 15;
    public const int MaxMinutes = 8 * 60;
    public const int MaxPhotos = 9;

    /// <summary>Audiences of the lecture menu (issue 14's list).</summary>
    public static readonly string[] Audiences = ["中小学生", "社区居民", "老年人", "农民", "企业职工", "公务员"];

    public static readonly Dictionary<OrganisationType, string> OrganisationTypes = new()
    {
        [OrganisationType.School] = "学校",
        [OrganisationType.Community] = "社区",
        [OrganisationType.Village] = "村委会",
        [OrganisationType.Company] = "企业",
        [OrganisationType.Government] = "机关单位",
        [OrganisationType.Other] = "其他",
    };

    public static string Chinese(RequestStatus s) => s switch
    {
        RequestStatus.Submitted => "待派单",
        RequestStatus.Dispatched => "已派单，待讲师接单",
        RequestStatus.Accepted => "讲师已接单",
        RequestStatus.Reported => "讲座已完成，待确认",
        RequestStatus.Completed => "已完成",
        _ => "已关闭",
    };

    public static string Chinese(DispatchStatus s) => s switch
    {
        DispatchStatus.Offered => "待接单",
        DispatchStatus.Accepted => "已接单",
        DispatchStatus.Declined => "已婉拒",
        DispatchStatus.Escalated => "超时退回",
        DispatchStatus.Reported => "已提交报告",
        DispatchStatus.Confirmed => "已确认服务时长",
        _ => "已取消",
    };

    public static string Word<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
