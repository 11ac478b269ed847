using System.Net;
using System.Text;
using Outreach.Core.Localization;
using Outreach.Core.Mail;
using Outreach.Core.Sites;

namespace Outreach.Dispatch;

/// <summary>
/// The module's mails, rendered here and queued through the outbox in the transaction of the change they announce.
/// Each carries the request as its <see cref="OutgoingMail.Reference"/>, so the retention purge deletes them too.
/// </summary>
public static class DispatchMails
{
    public static string Reference(LectureRequest r) => "lecture-request:" + r.Id;

    public static OutgoingMail Code(Site site, LectureRequest r, string code, int minutes) => Mail(site, r.ContactEmail,
        "讲座预约验证码：" + code, r.ContactName,
        [$"您的讲座预约验证码是 <strong style=\"font-size:1.4em;letter-spacing:.15em\">{code}</strong>，{minutes} 分钟内有效。", "请在预约跟踪页面输入验证码，确认后我们才会安排讲师。如非本人操作，请忽略本邮件。"],
        [("单位", r.Organisation), ("主题", r.Topic)], null, null);

    public static OutgoingMail Dispatched(Site site, string to, string lecturer, LectureRequest r, LectureDispatch d, string myUrl) => Mail(site, to,
        "新的讲座派单：" + r.Topic, lecturer,
        [$"科普办为您派了一场讲座，请在 {When(d.AnswerDueAt)} 前接单或婉拒（逾期将退回派单队列）。"],
        [("主题", r.Topic), ("时间", When(d.StartsAt)), ("单位", r.Organisation), ("地点", r.Online ? "线上" : r.City + r.County + " " + r.Address),
         ("听众", $"{r.Audience}，约 {r.AudienceSize} 人")], myUrl, "查看并接单");

    public static OutgoingMail Accepted(Site site, LectureRequest r, LectureDispatch d, string trackUrl) => Mail(site, r.ContactEmail,
        "讲座已安排：" + r.Topic, r.ContactName,
        ["讲师已接单，讲座安排如下。"],
        [("主题", r.Topic), ("讲师", d.LecturerName), ("时间", When(d.StartsAt))], trackUrl, "查看预约进度");

    public static OutgoingMail RatingLink(Site site, LectureRequest r, LectureDispatch d, string rateUrl) => Mail(site, r.ContactEmail,
        "请为讲座评分：" + r.Topic, r.ContactName,
        [$"感谢贵单位邀请{d.LecturerName}讲师开展科普讲座。请花一分钟为本次讲座评分（1–5 星），您的评价只能提交一次。"],
        [("主题", r.Topic), ("时间", When(d.StartsAt))], rateUrl, "为讲座评分");

    public static string When(DateTimeOffset t) => OutreachTime.Date(t, "zh-CN") + " " + OutreachTime.Time(t);

    static OutgoingMail Mail(Site site, string to, string subject, string name, string[] paragraphs, (string, string)[] rows, string? link, string? linkText)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.6;color:#1c2733;font-size:16px;max-width:36em;margin:0 auto;padding:12px\">")
            .Append("<p>").Append(WebUtility.HtmlEncode(name)).Append("，您好：</p>");
        var text = new StringBuilder(name).Append("，您好：\n\n");
        foreach (var p in paragraphs)
        {
            html.Append("<p>").Append(p).Append("</p>");
            text.Append(System.Text.RegularExpressions.Regex.Replace(p, "<[^>]+>", "")).Append("\n\n");
        }
        html.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (label, value) in rows)
        {
            html.Append("<tr><td style=\"padding:2px 12px 2px 0;color:#5f6d7c\">").Append(label).Append("</td><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
            text.Append(label).Append("：").Append(value).Append('\n');
        }
        html.Append("</table>");
        if (link is not null)
        {
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\" style=\"display:inline-block;padding:12px 28px;background:#0b3c6f;color:#fff;border-radius:6px;text-decoration:none\">")
                .Append(linkText).Append("</a></p>");
            text.Append('\n').Append(linkText).Append("：").Append(link).Append('\n');
        }
        html.Append("<p style=\"color:#5f6d7c\">").Append(WebUtility.HtmlEncode(site.DisplayNameZh)).Append(" · 本邮件由系统自动发送，请勿回复。</p></body></html>");
        return new OutgoingMail(to, subject, html.ToString(), text.ToString()) { ToName = name, Template = "dispatch" };
    }
}
