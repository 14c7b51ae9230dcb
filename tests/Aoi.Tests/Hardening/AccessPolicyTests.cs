using Aoi.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Hardening;

/// <summary>The role table, key hashing and the settings rules, without a server.</summary>
public sealed class AccessPolicyTests
{
    [Theory]
    [InlineData("GET", "/health", null)]
    [InlineData("GET", "/api/health", null)]
    [InlineData("GET", "/api/products", AoiRole.Operator)]
    [InlineData("GET", "/api/golden-sample/{product}/{roiId}", AoiRole.Operator)]
    [InlineData("GET", "/shared/{**path}", AoiRole.Operator)]
    [InlineData("POST", "/api/session/create", AoiRole.Operator)]
    [InlineData("POST", "/api/session/{id}/inspect", AoiRole.Operator)]
    [InlineData("POST", "/process_grouped_inspection", AoiRole.Operator)]
    [InlineData("POST", "/api/session/{id}/grouped_inspect", AoiRole.Operator)]
    [InlineData("POST", "/api/session/{id}/close", AoiRole.Operator)]
    [InlineData("DELETE", "/api/session/{id}", AoiRole.Operator)]
    [InlineData("POST", "/api/initialize", AoiRole.Operator)]
    [InlineData("POST", "/api/products/create", AoiRole.Engineer)]
    [InlineData("POST", "/api/products/import", AoiRole.Engineer)]
    [InlineData("POST", "/api/products/{product}/rois", AoiRole.Engineer)]
    [InlineData("POST", "/api/products/{product}/colors", AoiRole.Engineer)]
    [InlineData("POST", "/api/golden-sample/save", AoiRole.Engineer)]
    [InlineData("POST", "/api/golden-sample/promote", AoiRole.Engineer)]
    [InlineData("POST", "/api/golden-sample/restore", AoiRole.Engineer)]
    [InlineData("DELETE", "/api/golden-sample/delete", AoiRole.Engineer)]
    [InlineData("POST", "/api/golden-sample/rename-folders", AoiRole.Engineer)]
    [InlineData("POST", "/api/products/{product}/golden/{roiId}", AoiRole.Engineer)]
    [InlineData("DELETE", "/api/products/{product}/golden/{roiId}", AoiRole.Engineer)]
    [InlineData("POST", "/api/evaluate", AoiRole.Engineer)]
    [InlineData("GET", "/api/audit", AoiRole.Admin)]
    [InlineData("GET", "/metrics", AoiRole.Admin)]
    [InlineData("GET", "/api/dashboard/overview", AoiRole.Admin)]
    [InlineData("PUT", "/api/some/future/change", AoiRole.Admin)] // unclassified changes fail closed
    public void EveryEndpointHasItsMinimumRole(string method, string pattern, AoiRole? expected) =>
        Assert.Equal(expected, EndpointAccessPolicy.RequiredRole(method, pattern));

    [Fact]
    public void HashesAreSaltedAndVerify()
    {
        var first = ApiKeyHasher.Hash("station-key", 1000);
        var second = ApiKeyHasher.Hash("station-key", 1000);

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$1000$", first);
        Assert.DoesNotContain("station-key", first);
        Assert.True(ApiKeyHasher.Verify("station-key", first));
        Assert.True(ApiKeyHasher.Verify("station-key", second));
        Assert.False(ApiKeyHasher.Verify("station-kez", first));
        Assert.False(ApiKeyHasher.Verify("station-key", "pbkdf2-sha256$1000$bm90LWEtc2FsdA==$AAAA"));
        Assert.False(ApiKeyHasher.Verify("station-key", "station-key"));
    }

    [Fact]
    public void HashCommandPrintsAVerifiableHash()
    {
        var output = new StringWriter();

        Assert.True(ApiKeyHashCommand.TryRun(["--hash-api-key", "new-key"], TextReader.Null, output));

        Assert.True(ApiKeyHasher.Verify("new-key", output.ToString().Trim()));
        Assert.False(ApiKeyHashCommand.TryRun(["--urls", "http://+:5000"], TextReader.Null, output));
    }

    [Fact]
    public void UnusableSettingsAreRefusedNamingTheKey()
    {
        var options = new SecurityOptions
        {
            ApiKeys = [new ApiKeyEntry { Name = "a", Role = "superuser", Hash = "plain-text-key" }],
            TrustedNetworks = [new TrustedNetworkEntry { Cidr = "10.1.2.0/33", Role = "operator" }],
        };

        var result = new SecurityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Aoi:Security:ApiKeys:0:Role", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Aoi:Security:ApiKeys:0:Hash", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Aoi:Security:TrustedNetworks:0:Cidr", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("cohosted", true)]
    [InlineData("client", false)]
    public void LoopbackIsTrustedOnlyWhenASiloRunsHere(string? mode, bool trusted)
    {
        var builder = WebApplication.CreateBuilder();
        if (mode is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Aoi:Orleans:Mode"] = mode });
        }

        builder.AddAoiSecurity();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(trusted, services.GetRequiredService<IOptions<SecurityOptions>>().Value.TrustLoopback);
        var resolver = services.GetRequiredService<CallerResolver>();
        Assert.Equal(trusted, resolver.FromAddress(System.Net.IPAddress.Loopback) is { Role: AoiRole.Admin });
        // A request without an address is never loopback unless a test says so.
        Assert.Null(resolver.FromAddress(null));
    }
}
