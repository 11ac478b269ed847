using Outreach.Core.Data;

namespace Outreach.Lecturers.Photos;

/// <summary>
/// A photo a lecturer uploaded of themselves. It is kept here, not in the site's media library, because library images
/// are public by URL to anyone who counts ids, and faces stay private until the lecturer chooses otherwise: this one is
/// served publicly only while its lecturer is public and has <see cref="Lecturer.PhotoPublic"/> set; otherwise only to
/// its owner and the site's reviewers. Media checks the upload (type, size, pixels) and strips its metadata (GPS, camera).
/// </summary>
public sealed class LecturerPhoto : ISiteOwned
{
    public int Id { get; set; }
    public int SiteId { get; set; }

    /// <summary>The account that uploaded it; only that person may put it in an application.</summary>
    public int UserId { get; set; }

    /// <summary>A JPEG at most <see cref="LecturerLimits.PhotoWidth"/> pixels wide, without metadata.</summary>
    public byte[] Jpeg { get; set; } = [];

    public int Width { get; set; }
    public int Height { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
