import onnx
from onnx import helper, TensorProto
m=onnx.load('folded13.onnx'); g=m.graph
names=set()
relu_out={n.output[0]:n.input[0] for n in g.node if n.op_type=='Relu'}
for n in g.node:
    if n.op_type in ('Conv','Add','MaxPool'):
        for i in n.input[:1] if n.op_type!='Add' else n.input:
            names.add(relu_out.get(i,i))
for o in g.output: names.add(relu_out.get(o.name,o.name))
names.discard('Input247')
existing=set(o.name for o in g.output)
for t in sorted(names):
    if t not in existing: g.output.append(helper.make_tensor_value_info(t, TensorProto.FLOAT, None))
onnx.save(m,'calib.onnx'); print(len(g.output))
