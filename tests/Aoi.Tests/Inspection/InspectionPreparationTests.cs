using System.Runtime.CompilerServices;
using Aoi.Grains.Imaging;
using Aoi.Grains.Inspection;
using Aoi.Grains.Options;
using Aoi.Tests.Inspection.Support;

namespace Aoi.Tests.Inspection;

/// <summary>
/// <see cref="InspectionPreparation"/> hands a single picture's ROI to the fan-out as soon as its crop is cut, so the
/// workers run while the rest of the picture is decoded; every enabled ROI leaves exactly once, and a picture that
/// breaks off after some ROIs have left is still a refusal.
/// </summary>
public sealed class InspectionPreparationTests : IDisposable
{
    private static readonly int[] Red = [255, 0, 0];

    private readonly TempFolder _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ARoiLeavesAsSoonAsItsCropIsCutWhileTheRestOfThePictureIsStillBeingDecoded()
    {
        var source = new SteppedCropSource(breakOff: false);
        var dispatched = new List<int>();

        var prepared = await Prepare(source, item =>
        {
            dispatched.Add(item.Roi.Idx);
            source.DecodeRest(); // the decoder goes on only once the first ROI has left: a preparation that collects waits forever
        }, TestRois.Make(1, 0, 0, 10, 10, expectedColor: Red), TestRois.Make(2, 0, 50, 10, 60, expectedColor: Red),
            TestRois.Make(3, 0, 80, 10, 90, expectedColor: Red, configError: "bad coordinates"),
            TestRois.Make(4, 0, 90, 10, 99, expectedColor: Red, enabled: false));

        Assert.Null(prepared.Failure);
        Assert.Equal([1, 2, 3], dispatched); // cut ones as cut, the one that is never cut last, the disabled one never
    }

    [Fact]
    public async Task APictureThatBreaksOffAfterAFirstCropIsRefusedThoughThatRoiHadAlreadyLeft()
    {
        var source = new SteppedCropSource(breakOff: true);
        var dispatched = new List<int>();

        var prepared = await Prepare(source, item =>
        {
            dispatched.Add(item.Roi.Idx);
            source.DecodeRest();
        }, TestRois.Make(1, 0, 0, 10, 10, expectedColor: Red), TestRois.Make(2, 0, 50, 10, 60, expectedColor: Red));

        Assert.Equal([1], dispatched);
        Assert.Equal(FailureKind.UnreadableImage, prepared.Failure?.Kind);
        Assert.Equal(SteppedCropSource.BrokenOff, prepared.Failure?.Error);
    }

    private async Task<PreparedInspection> Prepare(IRoiCropSource source, Action<RoiWorkItem> dispatch, params RoiDefinition[] rois)
    {
        var paths = new AoiPaths(Microsoft.Extensions.Options.Options.Create(new AoiOptions { DataRoot = _temp.Path }));
        var product = new SnapshotResult(new ProductSnapshot("P", 1, rois, null, _temp.Path), false, []);
        var request = InspectionRequest.Single(new ImageInput("/nowhere/frame.jpg", "frame.jpg"), DeviceBarcodeInput.None, DateTimeOffset.UtcNow);
        return await new InspectionPreparation(source).PrepareAsync(RoiOutputFolder.OfSession(paths, "s1"), "P", product, request, dispatch, Ct)
            .WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    /// <summary>Cuts the first rectangle, then waits until told to decode the rest (or to break off there).</summary>
    private sealed class SteppedCropSource(bool breakOff) : IRoiCropSource
    {
        public const string BrokenOff = "Unable to decode image";

        private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void DecodeRest() => _rest.TrySetResult();

        public async IAsyncEnumerable<IndexedCrop> CutAsync(ImageInput input, IReadOnlyList<RoiRect> rects,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < rects.Count; i++)
            {
                if (i == 1)
                {
                    await _rest.Task.WaitAsync(cancellationToken);
                    if (breakOff)
                    {
                        throw new ImageReadException(FailureKind.UnreadableImage, BrokenOff);
                    }
                }

                var r = rects[i];
                var (w, h) = (r.X2 - r.X1, r.Y2 - r.Y1);
                yield return new IndexedCrop(i, new RoiCrop(new CropImage(w, h, new byte[w * h * 3]), null, null));
            }
        }
    }
}
