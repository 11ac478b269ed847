using Fluid;
namespace Outreach.Core.Themes;
sealed class TraceStrategy : MemberAccessStrategy
{
    readonly UnsafeMemberAccessStrategy _inner = new() { MemberNameStrategy = MemberNameStrategies.SnakeCase };
    public override IMemberAccessor GetAccessor(Type type, string name)
    {
        try { File.AppendAllText("/tmp/x/liquid-types.txt", type.FullName + "\t" + name + "\n"); } catch (IOException) { }
        return _inner.GetAccessor(type, name);
    }
    public override void Register(Type type, IEnumerable<KeyValuePair<string, IMemberAccessor>> accessors) => _inner.Register(type, accessors);
}
