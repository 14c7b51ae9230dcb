import sys, glob, json, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe import *
root=os.environ.get('FEYES', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', '..', 'shared', 'datasets', 'feyes-products'))
prod=sys.argv[1]
cfg=json.load(open(f'{root}/{prod}/rois_config_{prod}.json'))
rois=cfg if isinstance(cfg,list) else cfg['rois']
def scratch(img):
    s=img.copy(); h,w=s.shape[:2]
    cv2.line(s,(int(w*.2),int(h*.3)),(int(w*.8),int(h*.7)),(235,235,235),max(1,min(w,h)//20),cv2.LINE_AA); return s
tot={'deep':[0,0],'fine':[0,0]}
for r in rois:
    if r['type']!=2 or r.get('enabled') is False: continue
    x1,y1,x2,y2=r['coords']; roi=(x2-x1,y2-y1)
    fs=sorted(glob.glob(f"{root}/{prod}/golden_rois/roi_{r['idx']}/*.jpg"))
    ims=[cv2.resize(cv2.imread(f),roi) for f in fs]
    if len(ims)<2: continue
    F_=[feats(i,roi) for i in ims]
    res={'deep':[], 'fine':[]}
    for c in range(len(ims)):
        lib=[k for k in range(len(ims)) if k!=c]
        for kind,idx,stride in (('deep',0,8),('fine',1,4)):
            centre=np.mean([F_[k][idx].reshape(F_[k][idx].shape[0],-1).mean(1) for k in lib],0)
            def score(fe):
                m=None
                for k in lib:
                    off=align(fe[2],F_[k][2])
                    mm=nnmap(unit(fe[idx],centre),unit(F_[k][idx],centre),off,stride)
                    m=mm if m is None else np.fmin(m,mm)
                return stat(m)
            good=score(F_[c]); bad=score(feats(scratch(ims[c]),roi))
            res[kind].append((good,bad))
    line=f"roi {r['idx']:>3} n={len(ims):>2}"
    for kind in ('deep','fine'):
        g=[a for a,b in res[kind]]; b=[bb for a,bb in res[kind]]
        sep=sum(1 for x in b if x>max(g)); tot[kind][0]+=sep; tot[kind][1]+=len(b)
        line+=f" | {kind} good max {max(g):.3f} scratch min {min(b):.3f} sep {sep}/{len(b)}"
    print(line, flush=True)
print(prod, 'TOTAL separable pairs', tot)
