#!/usr/bin/env python3
"""Writes src/Outreach.Core/Resources/Localization/SharedResource.en.resx from the table below.
Keys are the zh-CN UI strings used with the Liquid `t` filter (and IStringLocalizer in C#)."""
import html, pathlib

EN = {
    "关键词": "Keywords",
    "城市": "City",
    "全部": "All",
    "类型": "Type",
    "对象": "Audience",
    "活动系列": "Campaign",
    "从": "From",
    "至": "To",
    "筛选": "Filter",
    "即将举行": "Upcoming",
    "往期活动": "Past events",
    "订阅日历": "Subscribe to calendar",
    "活动日历": "Event calendar",
    "月历": "Month view",
    "月份": "Month",
    "上个月": "Previous month",
    "下个月": "Next month",
    "列表查看": "View as list",
    "本月共": "This month:",
    "共": "Total",
    "项": "items",
    "暂无活动。": "No events yet.",
    "时间": "Time",
    "北京时间": "Beijing time",
    "地点": "Venue",
    "地图": "Map",
    "高德地图": "Amap",
    "百度地图": "Baidu Maps",
    "线上参与": "Join online",
    "主办": "Organiser",
    "联系电话": "Phone",
    "添加到日历": "Add to calendar",
    "议程": "Agenda",
    "主论坛": "Main forum",
    "重复": "Repeats",
    "场次": "Dates",
    "语言": "Language",
    "演讲嘉宾": "Speakers",
    "普通话": "Mandarin",
    "粤语": "Cantonese",
    "英语": "English",
    "中英双语": "Chinese and English",
    "项活动": "events",
    "按城市": "By city",
    "按类型": "By type",
    "近期活动": "Upcoming events",
    "更多活动": "More events",
    "上一页": "Previous",
    "下一页": "Next",
    "主菜单": "Main menu",
    "分页": "Pagination",
    "广东省科学技术协会": "Guangdong Association for Science and Technology",
    "您访问的页面不存在，或已被移除。": "The page you are looking for does not exist or has been removed.",
    "我们已记录这个问题，请稍后再试。": "We have logged the problem. Please try again later.",
    "新闻动态": "News",
    "暂无新闻。": "No news yet.",
    "更多新闻": "More news",
    "来源": "Source",
    "活动": "Events",
    "科学普及 · 学术交流 · 服务科技工作者": "Science popularisation · Academic exchange · Serving scientists",
    "语言": "Language",
    "跳到正文": "Skip to content",
    "返回首页": "Back to home",
    "页面暂时无法显示": "This page cannot be shown right now",
    "页面未找到": "Page not found",
    "首页": "Home",
    "关于": "About",
    "联系我们": "Contact",
    "阅读全文": "Read more",
    "发布于": "Published",
    "一起玩科学！": "Let's play with science!",
    "最新动态": "Latest news",
    "全部新闻": "All news",
    "登录": "Sign in",
    "搜索": "Search",
    "条结果": "results",
    "没有找到相关内容。": "Nothing found.",
}

rows = "\n".join(
    f'  <data name="{html.escape(k, quote=True)}" xml:space="preserve">\n    <value>{html.escape(v, quote=False)}</value>\n  </data>'
    for k, v in sorted(EN.items()))
doc = f'''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
{rows}
</root>
'''
out = pathlib.Path(__file__).resolve().parent.parent / "src/Outreach.Core/Resources/Localization/SharedResource.en.resx"
out.write_text(doc, encoding="utf-8")
print(f"{len(EN)} strings -> {out}")
