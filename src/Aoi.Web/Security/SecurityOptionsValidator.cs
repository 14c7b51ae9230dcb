using System.Net;
using Microsoft.Extensions.Options;

namespace Aoi.Web.Security;

/// <summary>Refuses to start with an access rule that cannot be applied, naming the configuration key.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var at = $"{SecurityOptions.SectionName}:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name) || !names.Add(key.Name.Trim()))
            {
                failures.Add($"{at}:Name must be a non-empty, unique name");
            }

            if (!AoiRoles.TryParse(key.Role, out _))
            {
                failures.Add($"{at}:Role must be operator, engineer or admin");
            }

            if (!ApiKeyHasher.IsWellFormed(key.Hash))
            {
                failures.Add($"{at}:Hash must be a hash printed by --hash-api-key ({ApiKeyHasher.Scheme}$...)");
            }
        }

        for (var i = 0; i < options.TrustedNetworks.Count; i++)
        {
            var network = options.TrustedNetworks[i];
            var at = $"{SecurityOptions.SectionName}:TrustedNetworks:{i}";
            if (!IPNetwork.TryParse(network.Cidr?.Trim(), out _))
            {
                failures.Add($"{at}:Cidr '{network.Cidr}' is not a network in CIDR notation (e.g. 10.20.0.0/16)");
            }

            if (!AoiRoles.TryParse(network.Role, out _))
            {
                failures.Add($"{at}:Role must be operator, engineer or admin");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
