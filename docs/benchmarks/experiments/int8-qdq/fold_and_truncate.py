import onnx, numpy as np, sys
from onnx import helper, numpy_helper, TensorProto, version_converter
src='/root/.nuget/packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx'
m=onnx.load(src)
g=m.graph
want=['ReLU315_Output_0','ReLU347_Output_0']
# keep nodes needed for the outputs
prod={o:n for n in g.node for o in n.output}
need=set(); stack=list(want)
while stack:
    t=stack.pop()
    if t in prod and prod[t].name not in need:
        need.add(prod[t].name); stack.extend(prod[t].input)
keep=[n for n in g.node if n.name in need]
g.ClearField('node'); g.node.extend(keep)
outs=[]
for w in want:
    outs.append(helper.make_tensor_value_info(w, TensorProto.FLOAT, [1,None,None,None]))
g.ClearField('output'); g.output.extend(outs)
used=set(i for n in g.node for i in n.input)
initn=set(i.name for i in g.initializer)
ins=[i for i in g.input if i.name not in initn]
g.ClearField('input'); g.input.extend(ins)
keepinit=[i for i in g.initializer if i.name in used]
g.ClearField('initializer'); g.initializer.extend(keepinit)
g.ClearField('value_info')
m.ir_version=7
# dynamic H, W
d=g.input[0].type.tensor_type.shape.dim
d[2].dim_param='H'; d[3].dim_param='W'
inits={i.name:i for i in g.initializer}
def arr(n): return numpy_helper.to_array(inits[n])
# fold BN into conv
nodes=list(g.node); out_nodes=[]; consumers={}
for n in nodes:
    for i in n.input: consumers.setdefault(i,[]).append(n)
skip=set(); newinits={}
for n in nodes:
    if n.op_type=='Conv':
        bn=[c for c in consumers.get(n.output[0],[]) if c.op_type=='BatchNormalization']
        if len(bn)==1 and len(consumers[n.output[0]])==1:
            bn=bn[0]
            W=arr(n.input[1]).astype(np.float64)
            b=arr(n.input[2]).astype(np.float64) if len(n.input)>2 else np.zeros(W.shape[0])
            gamma,beta,mean,var=[arr(x).astype(np.float64) for x in bn.input[1:5]]
            eps=[a.f for a in bn.attribute if a.name=='epsilon']; eps=eps[0] if eps else 1e-5
            s=gamma/np.sqrt(var+eps)
            W2=(W*s[:,None,None,None]).astype(np.float32); b2=((b-mean)*s+beta).astype(np.float32)
            newinits[n.name+'_W']=W2; newinits[n.name+'_B']=b2
            n.input[:]= [n.input[0], n.name+'_W', n.name+'_B']
            n.output[0]=bn.output[0]
            skip.add(bn.name)
g.ClearField('node'); g.node.extend([n for n in nodes if n.name not in skip])
for k,v in newinits.items(): g.initializer.append(numpy_helper.from_array(v,k))
# version convert to 13
m13=version_converter.convert_version(m,13)
onnx.save(m13,'folded13.onnx')
# dynamic quantization: Conv -> DynamicQuantizeLinear + ConvInteger + Cast + Mul + Add
g=m13.graph; inits={i.name:i for i in g.initializer}
newnodes=[]; adds=[]
for n in g.node:
    if n.op_type!='Conv': newnodes.append(n); continue
    W=numpy_helper.to_array(inits[n.input[1]]); B=numpy_helper.to_array(inits[n.input[2]])
    ws=np.abs(W).reshape(W.shape[0],-1).max(1)/127.0; ws[ws==0]=1
    Wq=np.clip(np.round(W/ws[:,None,None,None]),-127,127).astype(np.int8)
    Wu=(Wq.astype(np.int16)+128).astype(np.uint8) if '--u8' in sys.argv else Wq
    p=n.name
    adds += [numpy_helper.from_array(Wu,p+'_Wq'), numpy_helper.from_array(np.array(128 if '--u8' in sys.argv else 0, dtype=Wu.dtype),p+'_Wzp'),
             numpy_helper.from_array(ws.reshape(1,-1,1,1).astype(np.float32),p+'_Ws'), numpy_helper.from_array(B.reshape(1,-1,1,1).astype(np.float32),p+'_Bb')]
    x=n.input[0]
    newnodes.append(helper.make_node('DynamicQuantizeLinear',[x],[p+'_xq',p+'_xs',p+'_xzp'],name=p+'_dq'))
    attrs={a.name:helper.get_attribute_value(a) for a in n.attribute}
    newnodes.append(helper.make_node('ConvInteger',[p+'_xq',p+'_Wq',p+'_xzp',p+'_Wzp'],[p+'_i32'],name=p+'_ci',**attrs))
    newnodes.append(helper.make_node('Cast',[p+'_i32'],[p+'_f'],to=TensorProto.FLOAT,name=p+'_cast'))
    newnodes.append(helper.make_node('Mul',[p+'_Ws',p+'_xs'],[p+'_s'],name=p+'_ms'))
    newnodes.append(helper.make_node('Mul',[p+'_f',p+'_s'],[p+'_fs'],name=p+'_m'))
    newnodes.append(helper.make_node('Add',[p+'_fs',p+'_Bb'],[n.output[0]],name=p+'_a'))
g.ClearField('node'); g.node.extend(newnodes); g.initializer.extend(adds)
onnx.save(m13,'dynu8.onnx' if '--u8' in sys.argv else 'dyn.onnx')
print('ok', len(g.node))
