namespace Outreach.Lecturers;

/// <summary>How long each lecturer field may be, declared once for the EF model, the API, the form and the recipe step.</summary>
public static class LecturerLimits
{
    public const int Name = Outreach.Core.Data.FieldLimits.PersonName;
    public const int Slug = Outreach.Core.Data.FieldLimits.Slug;
    public const int Organisation = 200;
    public const int ProfessionalTitle = 100;
    public const int Bio = 2000;
    public const int AvailabilityNote = 300;
    public const int TopicTitle = 200;
    public const int TopicSummary = 1000;
    public const int Topics = 20;
    public const int Regions = 30;
    public const int Disciplines = 10;
    public const int City = 16;
    public const int County = 50;
    public const int Reason = 1000;
    public const int DisciplineCode = 64;
    public const int DisciplineName = 100;
    public const int TeamName = 200;
    public const int TeamDescription = 4000;
    public const int ChangeJson = 4000;
    public const int MinDuration = 15;
    public const int MaxDuration = 480;
    public const int MinBirthYear = 1920;

    /// <summary>An uploaded photo: at most this many bytes, kept as a JPEG this many pixels wide.</summary>
    public const int PhotoBytes = 10 * 1024 * 1024;
    public const int PhotoWidth = 600;
}
