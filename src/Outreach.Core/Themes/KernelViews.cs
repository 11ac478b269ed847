namespace Outreach.Core.Themes;

// View models of the kernel's own templates, and the one every list shares; registered by LiquidViews.

/// <summary><c>error.liquid</c>: the server is busy (503), or the visitor sent too much (429); neither is a plain error.</summary>
public sealed record ErrorPage(bool Busy = false, bool Limited = false);

/// <summary>Which page of a list this is, with the links (or page numbers) of the pages around it; null at the ends.</summary>
public sealed record Paging(int Page, int Pages, int Total, string? Previous, string? Next);

/// <summary><c>mail-test*.liquid</c>: a test mail, with an optional note on who sent it.</summary>
public sealed record TestMail(string? Note);
