namespace Aoi.Grains.Engines.Ocr.Paddle;

/// <summary>
/// PaddleOCR's recognition classes: 0 is the CTC blank, then one class per dictionary line, then the space
/// (the models were trained with use_space_char).
/// </summary>
public sealed class CtcAlphabet(IReadOnlyList<string> characters)
{
    public int ClassCount => characters.Count + 2;

    public static CtcAlphabet Load(string dictionaryPath)
    {
        var lines = File.ReadAllLines(dictionaryPath);
        return new CtcAlphabet(lines.Select(l => l.TrimEnd('\r', '\n')).ToArray());
    }

    /// <summary>Text of a non-blank class index.</summary>
    public string this[int classIndex] =>
        classIndex == characters.Count + 1 ? " " : characters[classIndex - 1];

    /// <summary>
    /// Greedy CTC decoding of one line: best class per time step, repeats merged, blanks dropped. Confidence is
    /// the mean probability of the kept characters (0 when nothing is kept).
    /// </summary>
    public OcrLine Decode(ReadOnlySpan<float> probabilities, int timeSteps)
    {
        var classes = ClassCount;
        var text = new System.Text.StringBuilder();
        double sum = 0;
        var kept = 0;
        var previous = -1;
        for (var t = 0; t < timeSteps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            if (best != 0 && best != previous)
            {
                text.Append(this[best]);
                sum += row[best];
                kept++;
            }

            previous = best;
        }

        return new OcrLine(text.ToString(), kept == 0 ? 0.0 : sum / kept);
    }
}
