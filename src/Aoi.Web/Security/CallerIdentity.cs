namespace Aoi.Web.Security;

/// <summary>Who a request comes from: "key:&lt;name&gt;", "network:&lt;cidr&gt;" or "loopback", and with which role.</summary>
public sealed record CallerIdentity(string Name, AoiRole Role)
{
    public string RoleName => AoiRoles.Name(Role);
}
