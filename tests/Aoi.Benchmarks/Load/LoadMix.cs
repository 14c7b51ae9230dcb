using Aoi.Benchmarks.Performance;

namespace Aoi.Benchmarks.Load;

/// <summary>The four request bodies a load client cycles through: good and faulty board, single and grouped.</summary>
public static class LoadMix
{
    public static IReadOnlyList<LoadRequest> Build(Workspace workspace, string product)
    {
        var board = RealBoards.Build(workspace.Snapshot(product), workspace.BoardFolder);
        var good = File.ReadAllBytes(board.GoodFile);
        var faulty = File.ReadAllBytes(board.FaultyFile);
        var groups = board.EnabledRois.Select(r => (r.Focus, r.Exposure)).Distinct().ToList();
        return
        [
            new LoadRequest("single good", false, AoiHttp.Base64SingleBody(good), true),
            new LoadRequest("single faulty", false, AoiHttp.Base64SingleBody(faulty), false),
            new LoadRequest("grouped good", true, AoiHttp.Base64GroupedBody(good, groups), true),
            new LoadRequest("grouped faulty", true, AoiHttp.Base64GroupedBody(faulty, groups), false),
        ];
    }
}
