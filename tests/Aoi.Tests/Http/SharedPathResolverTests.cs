using Aoi.Grains.Options;
using Aoi.Web.Http;
using Aoi.Web.Images;
using Microsoft.Extensions.Options;

namespace Aoi.Tests.Http;

/// <summary>Spec 5.5 path rules and case 16, without a server.</summary>
public sealed class SharedPathResolverTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("aoi-paths-");
    private readonly AoiPaths paths;
    private readonly SharedPathResolver resolver;

    public SharedPathResolverTests()
    {
        paths = new AoiPaths(Options.Create(new AoiOptions { DataRoot = root.FullName }));
        Directory.CreateDirectory(paths.SharedRoot);
        resolver = new SharedPathResolver(paths);
    }

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public void ClientPrefixMapsToSharedRoot()
    {
        var resolved = resolver.ResolveImagePath("/mnt/visual-aoi-shared/sessions/a/captures/group_230_650.jpg");
        Assert.Equal(Path.Combine(paths.SharedRoot, "sessions", "a", "captures", "group_230_650.jpg"), resolved);
    }

    [Fact]
    public void RelativePathIsRelativeToSharedRoot() =>
        Assert.Equal(Path.Combine(paths.SharedRoot, "x", "y.jpg"), resolver.ResolveImagePath("x/y.jpg"));

    [Fact]
    public void AbsolutePathInsideSharedRootIsAccepted()
    {
        var inside = Path.Combine(paths.SharedRoot, "a.jpg");
        Assert.Equal(inside, resolver.ResolveImagePath(inside));
    }

    [Theory]
    [InlineData("/mnt/visual-aoi-shared/../x.jpg")]
    [InlineData("/mnt/visual-aoi-shared/sessions/../../x.jpg")]
    [InlineData("/etc/passwd")]
    [InlineData("../x.jpg")]
    [InlineData("/mnt/visual-aoi-shared//etc/passwd/../../../etc/passwd")]
    public void EscapingPathsAreRejected(string given)
    {
        var ex = Assert.Throws<ApiException>(() => resolver.ResolveImagePath(given));
        Assert.Equal(400, ex.Status);
        Assert.Equal("Invalid image path: outside shared folder", ex.Error);
    }

    [Fact]
    public void AbsolutePathBesideTheRootWithCommonPrefixIsRejected()
    {
        // "<data>/shared-other" starts with "<data>/shared" as text but is not inside it.
        var sibling = paths.SharedRoot + "-other/x.jpg";
        Assert.Throws<ApiException>(() => resolver.ResolveImagePath(sibling));
    }

    [Fact]
    public void SymbolicLinkFilePointingOutsideIsRejected()
    {
        var outside = Path.Combine(root.FullName, "secret.jpg");
        File.WriteAllText(outside, "x");
        File.CreateSymbolicLink(Path.Combine(paths.SharedRoot, "link.jpg"), outside);

        var ex = Assert.Throws<ApiException>(() => resolver.ResolveImagePath("/mnt/visual-aoi-shared/link.jpg"));
        Assert.Equal(400, ex.Status);
    }

    [Fact]
    public void SymbolicLinkFolderPointingOutsideIsRejected()
    {
        var outside = Directory.CreateDirectory(Path.Combine(root.FullName, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(outside, "a.jpg"), "x");
        Directory.CreateSymbolicLink(Path.Combine(paths.SharedRoot, "dirlink"), outside);

        Assert.Throws<ApiException>(() => resolver.ResolveImagePath("dirlink/a.jpg"));
    }

    [Fact]
    public void SymbolicLinkStayingInsideIsAccepted()
    {
        var target = Path.Combine(paths.SharedRoot, "real.jpg");
        File.WriteAllText(target, "x");
        File.CreateSymbolicLink(Path.Combine(paths.SharedRoot, "alias.jpg"), target);

        Assert.Equal(Path.Combine(paths.SharedRoot, "alias.jpg"), resolver.ResolveImagePath("alias.jpg"));
    }

    [Fact]
    public void LinkCycleIsRejectedNotCrashed()
    {
        File.CreateSymbolicLink(Path.Combine(paths.SharedRoot, "a"), Path.Combine(paths.SharedRoot, "b"));
        File.CreateSymbolicLink(Path.Combine(paths.SharedRoot, "b"), Path.Combine(paths.SharedRoot, "a"));

        Assert.Throws<ApiException>(() => resolver.ResolveImagePath("a"));
    }

    [Theory]
    [InlineData("../../x.jpg")]
    [InlineData("../x.jpg")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/../../x.jpg")]
    public void ImageFilenameEscapingInputFolderIsRejected(string given)
    {
        var ex = Assert.Throws<ApiException>(() => resolver.ResolveInputFilename("s1", given));
        Assert.Equal(400, ex.Status);
        Assert.Equal("Invalid image filename", ex.Error);
    }

    [Fact]
    public void ImageFilenameIsInsideSessionInput() =>
        Assert.Equal(Path.Combine(paths.SessionInput("s1"), "capture_F230_E650.jpg"),
            resolver.ResolveInputFilename("s1", "capture_F230_E650.jpg"));
}
