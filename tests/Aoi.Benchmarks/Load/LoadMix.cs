using System.Text;
using Aoi.Benchmarks.Performance;

namespace Aoi.Benchmarks.Load;

/// <summary>The four request bodies a load client cycles through: good and faulty board, single and grouped.</summary>
public static class LoadMix
{
    public static IReadOnlyList<LoadRequest> Build(Workspace workspace, string product, bool withBadRequests = false)
    {
        var board = RealBoards.Build(workspace.Snapshot(product), workspace.BoardFolder);
        var good = File.ReadAllBytes(board.GoodFile);
        var faulty = File.ReadAllBytes(board.FaultyFile);
        var groups = board.EnabledRois.Select(r => (r.Focus, r.Exposure)).Distinct().ToList();
        List<LoadRequest> mix =
        [
            new LoadRequest("single good", false, AoiHttp.Base64SingleBody(good), true),
            new LoadRequest("single faulty", false, AoiHttp.Base64SingleBody(faulty), false),
            new LoadRequest("grouped good", true, AoiHttp.Base64GroupedBody(good, groups), true),
            new LoadRequest("grouped faulty", true, AoiHttp.Base64GroupedBody(faulty, groups), false),
        ];
        if (withBadRequests)
        {
            // Interleaved so every client sends them between its good inspections (issue 6: load with bad traffic).
            mix.Insert(1, Bad("bad: truncated JSON", "{\"image\": ", 400));
            mix.Insert(3, Bad("bad: path outside the shared root", "{\"image_path\": \"/mnt/visual-aoi-shared/../../etc/passwd\"}", 400));
            mix.Insert(5, Bad("bad: invalid base64", "{\"image\": \"%%%\"}", 400));
            mix.Add(Bad("bad: not an image", $"{{\"image\": \"{Convert.ToBase64String(Encoding.UTF8.GetBytes("not a picture at all"))}\"}}", 415));
            mix.Add(Bad("bad: missing file", "{\"image_filename\": \"no-such-capture.jpg\"}", 404));
        }

        return mix;
    }

    private static LoadRequest Bad(string kind, string json, int status) =>
        new(kind, false, Encoding.UTF8.GetBytes(json), false, status);
}
