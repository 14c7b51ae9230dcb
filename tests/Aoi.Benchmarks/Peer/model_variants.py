#!/usr/bin/python3
"""Writes variants of the packaged ResNet-18 for the performance benchmark's model table (python3-onnx):

  full.onnx       the whole graph with a dynamic batch dimension (pooled output, 224x224 input only: its average pool
                  has a fixed 7x7 kernel)
  stages13.onnx   stages 1-3 only (everything up to the input of stage 4's first convolution), with dynamic batch,
                  height and width, so a crop can run at its own size

Usage: model_variants.py ResNet18.onnx OUT_FOLDER   (prints the stage-3 output name)
"""
import os
import sys

import onnx
from onnx import helper


def dynamic(model, spatial):
    dims = model.graph.input[0].type.tensor_type.shape.dim
    dims[0].ClearField("dim_value")
    dims[0].dim_param = "N"
    if spatial:
        for i, name in ((2, "H"), (3, "W")):
            dims[i].ClearField("dim_value")
            dims[i].dim_param = name
    for output in model.graph.output:
        output.type.tensor_type.ClearField("shape")


def truncated(model, output_name):
    graph = model.graph
    producers = {o: n for n in graph.node for o in n.output}
    needed, stack = set(), [output_name]
    while stack:
        name = stack.pop()
        node = producers.get(name)
        if node is None or id(node) in needed:
            continue
        needed.add(id(node))
        stack.extend(node.input)
    nodes = [n for n in graph.node if id(n) in needed]
    used = {i for n in nodes for i in n.input}
    initializers = [i for i in graph.initializer if i.name in used]
    output = helper.make_tensor_value_info(output_name, onnx.TensorProto.FLOAT, None)
    new_graph = helper.make_graph(nodes, graph.name + "_stages13", list(graph.input), [output], initializers)
    result = helper.make_model(new_graph, opset_imports=model.opset_import)
    result.ir_version = model.ir_version
    return result


def main():
    source, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    full = onnx.load(source)
    stage4 = [n for n in full.graph.node if n.op_type == "Conv" and list(onnx.helper.get_attribute_value(a) for a in n.attribute
                                                                          if a.name == "strides")[0] == [2, 2]][-1]
    stage3_output = stage4.input[0]
    stages = truncated(full, stage3_output)
    dynamic(stages, spatial=True)
    onnx.save(stages, os.path.join(folder, "stages13.onnx"))
    dynamic(full, spatial=False)
    onnx.save(full, os.path.join(folder, "full.onnx"))
    print(stage3_output)


if __name__ == "__main__":
    main()
