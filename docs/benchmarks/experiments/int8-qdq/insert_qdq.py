import onnx, numpy as np, sys
from onnx import helper, numpy_helper, TensorProto
m=onnx.load('folded13.onnx'); g=m.graph
inits={i.name:i for i in g.initializer}
outputs=[o.name for o in g.output]
nodes=list(g.node)
# 1. drop Relus: consumers of relu output read its input; graph outputs get a DQ later
alias={}
kept=[]
for n in nodes:
    if n.op_type=='Relu': alias[n.output[0]]=n.input[0]
    else: kept.append(n)
def A(t):
    while t in alias: t=alias[t]
    return t
for n in kept:
    for k,i in enumerate(n.input): n.input[k]=A(i)
relu_in=set(alias.values())
cal={l.split()[0]:float(l.split()[1]) for l in open(sys.argv[1] if len(sys.argv)>1 else 'scales.txt')}
new=[]; adds=[]
qdone={}
def qdq(t):
    if t in qdone: return qdone[t]
    zp=128 if (t=='Input247' or t not in relu_in) else 0
    if t not in cal: raise SystemExit('no calibrated range for '+t)
    s=cal[t]/(127.0 if zp==128 else 255.0)
    adds.append(numpy_helper.from_array(np.array(s,np.float32),t+'_s'))
    adds.append(numpy_helper.from_array(np.array(zp,np.uint8),t+'_z'))
    new.append(helper.make_node('QuantizeLinear',[t,t+'_s',t+'_z'],[t+'_q'],name=t+'_Q'))
    new.append(helper.make_node('DequantizeLinear',[t+'_q',t+'_s',t+'_z'],[t+'_dq'],name=t+'_DQ'))
    qdone[t]=(t+'_dq', s); return qdone[t]
body=[]
for n in kept:
    if n.op_type=='Conv':
        x,sx=qdq(n.input[0])
        W=numpy_helper.to_array(inits[n.input[1]]); B=numpy_helper.to_array(inits[n.input[2]])
        ws=np.abs(W).reshape(W.shape[0],-1).max(1)/127.0; ws[ws==0]=1e-8
        Wq=np.clip(np.round(W/ws[:,None,None,None]),-127,127).astype(np.int8)
        bs=(sx*ws).astype(np.float32); Bq=np.round(B/bs).astype(np.int32)
        p=n.name
        adds+= [numpy_helper.from_array(Wq,p+'_Wq'), numpy_helper.from_array(ws.astype(np.float32),p+'_Ws'), numpy_helper.from_array(np.zeros(W.shape[0],np.int8),p+'_Wz'),
                numpy_helper.from_array(Bq,p+'_Bq'), numpy_helper.from_array(bs,p+'_Bs'), numpy_helper.from_array(np.zeros(W.shape[0],np.int32),p+'_Bz')]
        body.append(helper.make_node('DequantizeLinear',[p+'_Wq',p+'_Ws',p+'_Wz'],[p+'_Wdq'],name=p+'_WDQ',axis=0))
        body.append(helper.make_node('DequantizeLinear',[p+'_Bq',p+'_Bs',p+'_Bz'],[p+'_Bdq'],name=p+'_BDQ',axis=0))
        n.input[:]=[x,p+'_Wdq',p+'_Bdq']
    elif n.op_type in ('Add','MaxPool'):
        n.input[:]=[qdq(i)[0] for i in n.input]
    body.append(n)
# every Conv/Add/MaxPool output that feeds nothing quantized still needs Q after it for fusion: qdq() registered on use.
# graph outputs: relu outputs -> DQ(Q(relu input))
for o in outputs:
    src=A(o); d,_=qdq(src)
    body.append(helper.make_node('Identity',[d],[o],name=o+'_id'))
g.ClearField('node'); g.node.extend(new+body)
# topological order
order=[]; avail=set([i.name for i in g.input]+[i.name for i in g.initializer]+[a.name for a in adds]); pending=list(g.node)
while pending:
    rest=[]
    for n in pending:
        if all(i in avail or i=='' for i in n.input): order.append(n); avail.update(n.output)
        else: rest.append(n)
    if len(rest)==len(pending): raise SystemExit('cycle '+str([n.name for n in rest][:5]))
    pending=rest
g.ClearField('node'); g.node.extend(order); g.initializer.extend(adds)
onnx.save(m,sys.argv[2] if len(sys.argv)>2 else 'qdq.onnx'); print('ok', len(order))
