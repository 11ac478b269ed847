using System.Globalization;

namespace Outreach.Bases;

/// <summary>
/// A WGS-84 point (as surveyed, as GPS and the browser give it) and its forms for Chinese map apps: GCJ-02 for
/// Amap (高德), BD-09 for Baidu, by the published conversion formulas. Outside mainland China GCJ-02 equals WGS-84.
/// </summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    const double A = 6378245.0;
    const double Ee = 0.00669342162296594323;
    const double XPi = Math.PI * 3000.0 / 180.0;

    public static bool IsValid(double? lat, double? lng) => lat is >= -90 and <= 90 && lng is >= -180 and <= 180;

    static bool OutsideChina(double lat, double lng) => lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;

    public GeoPoint ToGcj02()
    {
        if (OutsideChina(Latitude, Longitude)) return this;
        var x = Longitude - 105.0;
        var y = Latitude - 35.0;
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
            + (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        var dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
            + (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        var radLat = Latitude / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - Ee * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLng = dLng * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return new(Latitude + dLat, Longitude + dLng);
    }

    public GeoPoint ToBd09()
    {
        var g = ToGcj02();
        var z = Math.Sqrt(g.Longitude * g.Longitude + g.Latitude * g.Latitude) + 0.00002 * Math.Sin(g.Latitude * XPi);
        var theta = Math.Atan2(g.Latitude, g.Longitude) + 0.000003 * Math.Cos(g.Longitude * XPi);
        return new(z * Math.Sin(theta) + 0.006, z * Math.Cos(theta) + 0.0065);
    }

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public double KilometresTo(GeoPoint other)
    {
        const double R = 6371.0;
        var dLat = (other.Latitude - Latitude) * Math.PI / 180;
        var dLng = (other.Longitude - Longitude) * Math.PI / 180;
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Latitude * Math.PI / 180) * Math.Cos(other.Latitude * Math.PI / 180) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * R * Math.Asin(Math.Sqrt(h));
    }

    static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>RFC 5870: WGS-84 by definition.</summary>
    public string GeoUri(string label) => $"geo:{F(Latitude)},{F(Longitude)}?q={F(Latitude)},{F(Longitude)}({Uri.EscapeDataString(label)})";

    public string AmapUrl(string name)
    {
        var g = ToGcj02();
        return $"https://uri.amap.com/marker?position={F(g.Longitude)},{F(g.Latitude)}&name={Uri.EscapeDataString(name)}&coordinate=gaode&callnative=1";
    }

    public string BaiduUrl(string name, string address)
    {
        var b = ToBd09();
        return $"https://api.map.baidu.com/marker?location={F(b.Latitude)},{F(b.Longitude)}&title={Uri.EscapeDataString(name)}&content={Uri.EscapeDataString(address)}&coord_type=bd09ll&output=html&src=outreach";
    }
}
