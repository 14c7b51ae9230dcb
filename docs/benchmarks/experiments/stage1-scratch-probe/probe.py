import sys, glob, json, os, math
# Research code (stop 28), not part of the product: see README.md.
import numpy as np, cv2, torch
import torch.nn.functional as F
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', 'tests', 'Aoi.Benchmarks', 'Peer'))
import seed_peer
M=os.path.expanduser('~/.nuget/packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels/ResNet18Onnx/')
net = seed_peer.OnnxResNet(M+'ResNet18.onnx', M.replace('ResNet18Onnx','ResNetPrepOnnx')+'ResNetPreprocess.onnx')
mean = net.mean_bgr.reshape(3,-1).mean(1)
S2, S3 = "ReLU315_Output_0", "ReLU347_Output_0"

def run_all(x):
    values = {net.input_name: x}
    for op, inputs, outputs, attrs in net.nodes:
        a = [values[i] if i in values else net.weights[i] for i in inputs]
        if op == "Conv":
            y = F.conv2d(net._pad(a[0], attrs.get("pads", [0,0,0,0])), a[1], a[2] if len(a) > 2 else None, stride=attrs["strides"], dilation=attrs.get("dilations",[1,1]), groups=attrs.get("group",1))
        elif op == "BatchNormalization":
            y = F.batch_norm(a[0], a[3], a[4], a[1], a[2], training=False, eps=attrs.get("epsilon",1e-5))
        elif op == "Relu": y = F.relu(a[0])
        elif op == "Add": y = a[0] + a[1]
        elif op == "MaxPool": y = F.max_pool2d(net._pad(a[0], attrs.get("pads",[0,0,0,0]), float("-inf")), attrs["kernel_shape"], attrs["strides"])
        else: break
        values[outputs[0]] = y
        if outputs[0] == S3: break
    return values

def worksize(w,h):
    scale=max(1.0, 80/min(w,h))
    if w*h*scale*scale > 160*160: scale=math.sqrt(160*160/(w*h))
    scale=min(scale, 448/max(w,h))
    return max(32,round(w*scale/16)*16), max(32,round(h*scale/16)*16)

L1=None
def feats(bgr, roi):
    global L1
    ws=worksize(*roi)
    r=cv2.resize(bgr, ws, interpolation=cv2.INTER_AREA if ws[0]<bgr.shape[1] else cv2.INTER_LINEAR).astype(np.float32)
    x=torch.from_numpy(np.ascontiguousarray(r.transpose(2,0,1)-mean[:,None,None]))[None]
    with torch.inference_mode():
        v=run_all(x)
    if L1 is None:
        # last relu with 64 channels at 1/4
        names=[k for k,t in v.items() if t.dim()==4 and t.shape[1]==64 and k.startswith('ReLU')]
        L1=names[-1]; print('layer1', L1, v[L1].shape, file=sys.stderr)
    l1=v[L1]; s2=v[S2]; s3=v[S3]
    s3u=F.interpolate(s3, size=s2.shape[2:], mode='bilinear', align_corners=False)
    deep=F.avg_pool2d(torch.cat([s2,s3u],1),3,1,1,count_include_pad=False)[0].numpy()
    fine=F.avg_pool2d(l1,3,1,1,count_include_pad=False)[0].numpy()
    grey=cv2.cvtColor(r.astype(np.uint8), cv2.COLOR_BGR2GRAY)
    return deep, fine, grey, r

def unit(f, centre):
    g=f-centre[:,None,None]
    return g/np.maximum(np.linalg.norm(g,axis=0,keepdims=True),1e-6)

def align(gi, gg):
    # offset of image content in golden, pixels at work size: interior 80 % template
    h,w=gi.shape; mx,my=max(1,round(w*.2)),max(1,round(h*.2))
    t=gi[my:h-my, mx:w-mx]
    res=cv2.matchTemplate(gg.astype(np.float32), t.astype(np.float32), cv2.TM_CCOEFF_NORMED)
    _,_,_,loc=cv2.minMaxLoc(res)
    return loc[0]-mx, loc[1]-my

def nnmap(fi, fg, off, stride):
    C,H,W=fi.shape
    cx,cy=off[0]/stride, off[1]/stride
    out=np.full((H,W),np.nan,np.float32)
    oy=range(int(math.floor(cy))-1,int(math.ceil(cy))+2); ox=range(int(math.floor(cx))-1,int(math.ceil(cx))+2)
    best=np.full((H,W),np.inf,np.float32)
    for dy in oy:
        for dx in ox:
            ys=np.clip(np.arange(H)+dy,0,H-1); xs=np.clip(np.arange(W)+dx,0,W-1)
            g=fg[:,ys][:,:,xs]
            d=1-(fi*g).sum(0)
            best=np.minimum(best,d)
    yy,xx=np.mgrid[0:H,0:W]
    valid=(yy+cy>=-.5)&(yy+cy<=H-.5)&(xx+cx>=-.5)&(xx+cx<=W-.5)
    out[valid]=best[valid]
    return out

def stat(m):
    m=np.nan_to_num(m,nan=0)
    return float(cv2.blur(m,(3,3)).max())
