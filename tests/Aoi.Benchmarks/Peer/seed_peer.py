#!/usr/bin/python3
"""Seed-design peer for the performance benchmark (issue 12): the legacy inspection server as it is described.

Python + Flask + ThreadPoolExecutor, OpenCV decode of the full frame, and the cosine of globally pooled ResNet-18
features run by torch, all from Debian packages (python3-flask, python3-opencv, python3-torch, python3-onnx). The
weights are the packaged ResNet18.onnx of Microsoft.ML.DnnImageFeaturizer.ResNet18: its initializers are loaded with
onnx.numpy_helper into a small torch module that runs the graph's own operators (Conv with the graph's asymmetric
pads, BatchNormalization, Relu, Add, MaxPool, AveragePool), so the features equal ONNX Runtime's (checked by the
benchmark with --features). Input: the crop resized to 224x224, BGR planes minus the packaged mean image
(ResNetPreprocess.onnx), as the server feeds it.

Modes:
  lean       golden features computed once per golden file and cached; a ROI stops at the first golden >= threshold.
  faithful   as the legacy code did it: every golden of the ROI decoded, denoised and featurised again on every
             inspection, and the crop denoised too (cv2.fastNlMeansDenoisingColored).

Speaks the part of the legacy HTTP contract (AOI-SPEC 7.4, 7.5, 6.1, 6.3) that the benchmark client uses:
POST /api/session/create, POST /api/session/<id>/inspect {image_path}, POST /api/session/<id>/close, GET /api/health.
Barcode ROIs: OpenCV's QR detector; colour ROIs: share of pixels near the expected colour; OCR ROIs: not evaluated
(reported failed with an error; that only makes the peer faster).

Usage: seed_peer.py --mode lean|faithful --port N --shared-root DIR --product-root DIR --models DIR
       seed_peer.py --features --models DIR image...   (prints the pooled features of each image as JSON lines)
"""
import argparse
import json
import os
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

CLIENT_PREFIX = "/mnt/visual-aoi-shared/"
SIZE = 224


class OnnxResNet(torch.nn.Module):
    """Runs the packaged ResNet-18 graph node by node with torch operators and the graph's own initializers."""

    def __init__(self, net_path, prep_path):
        super().__init__()
        graph = onnx.load(net_path).graph
        self.weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
        self.nodes = [(n.op_type, list(n.input), list(n.output),
                       {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}) for n in graph.node]
        self.input_name = graph.input[0].name
        self.output_name = graph.output[0].name
        prep = onnx.load(prep_path).graph
        mean = next(i for i in prep.initializer if i.name == "MeanImage")
        self.mean_bgr = numpy_helper.to_array(mean)[0].astype(np.float32)  # [3,224,224], B,G,R planes

    @staticmethod
    def _pad(x, pads, value=0.0):
        top, left, bottom, right = pads
        return F.pad(x, (left, right, top, bottom), value=value) if any(pads) else x

    def forward(self, x):
        values = {self.input_name: x}
        for op, inputs, outputs, attrs in self.nodes:
            a = [values[i] if i in values else self.weights[i] for i in inputs]
            if op == "Conv":
                y = F.conv2d(self._pad(a[0], attrs.get("pads", [0, 0, 0, 0])), a[1], a[2] if len(a) > 2 else None,
                             stride=attrs["strides"], dilation=attrs.get("dilations", [1, 1]), groups=attrs.get("group", 1))
            elif op == "BatchNormalization":
                y = F.batch_norm(a[0], a[3], a[4], a[1], a[2], training=False, eps=attrs.get("epsilon", 1e-5))
            elif op == "Relu":
                y = F.relu(a[0])
            elif op == "Add":
                y = a[0] + a[1]
            elif op == "MaxPool":
                y = F.max_pool2d(self._pad(a[0], attrs.get("pads", [0, 0, 0, 0]), float("-inf")), attrs["kernel_shape"],
                                 attrs["strides"])
            elif op == "AveragePool":
                y = F.avg_pool2d(self._pad(a[0], attrs.get("pads", [0, 0, 0, 0])), attrs["kernel_shape"], attrs["strides"])
            else:
                raise ValueError("unsupported operator " + op)
            values[outputs[0]] = y
        return values[self.output_name]

    def featurize(self, bgr):
        resized = cv2.resize(bgr, (SIZE, SIZE), interpolation=cv2.INTER_LINEAR).astype(np.float32)
        planes = resized.transpose(2, 0, 1) - self.mean_bgr
        with torch.inference_mode():
            return self.forward(torch.from_numpy(np.ascontiguousarray(planes))[None]).reshape(-1).numpy()


def cosine(a, b):
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(np.dot(a, b) / (na * nb)) if na > 0 and nb > 0 else 0.0


def denoise(bgr):
    return cv2.fastNlMeansDenoisingColored(bgr, None, 10, 10, 7, 21)


class Peer:
    def __init__(self, mode, shared_root, product_root, model):
        self.mode, self.shared_root, self.product_root, self.model = mode, shared_root, product_root, model
        self.sessions = {}
        self.features = {}  # lean: golden file path -> features
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor()
        self.qr = threading.local()

    def rois(self, product):
        with open(os.path.join(self.product_root, product, f"rois_config_{product}.json")) as f:
            data = json.load(f)
        return data if isinstance(data, list) else data.get("rois", [])

    def goldens(self, product, idx):
        folder = os.path.join(self.product_root, product, "golden_rois", f"roi_{idx}")
        if not os.path.isdir(folder):
            return []
        names = sorted((n for n in os.listdir(folder) if n.lower().endswith(".jpg")), key=lambda n: (n != "best_golden.jpg", n))
        return [os.path.join(folder, n) for n in names]

    def golden_features(self, path):
        if self.mode == "faithful":
            return self.model.featurize(denoise(cv2.imread(path, cv2.IMREAD_COLOR)))
        with self.lock:
            cached = self.features.get(path)
        if cached is None:
            cached = self.model.featurize(cv2.imread(path, cv2.IMREAD_COLOR))
            with self.lock:
                self.features[path] = cached
        return cached

    def compare(self, product, roi, crop):
        threshold = roi.get("ai_threshold") or 0.9
        paths = self.goldens(product, roi["idx"])
        if not paths:
            return {"passed": False, "match_result": "Different", "ai_similarity": 0.0, "threshold": threshold,
                    "error": "no golden sample"}
        if self.mode == "faithful":
            goldens = [self.golden_features(p) for p in paths]  # all goldens up front, every inspection
            feature = self.model.featurize(denoise(crop))
            best = max(cosine(feature, g) for g in goldens)
        else:
            feature = self.model.featurize(crop)
            best = 0.0
            for p in paths:
                best = max(best, cosine(feature, self.golden_features(p)))
                if best >= threshold:
                    break
        passed = best >= threshold
        return {"passed": passed, "match_result": "Match" if passed else "Different", "ai_similarity": round(best, 4),
                "threshold": threshold}

    def barcode(self, crop):
        detector = getattr(self.qr, "detector", None)
        if detector is None:
            detector = self.qr.detector = cv2.QRCodeDetector()
        text, _, _ = detector.detectAndDecode(crop)
        return {"passed": bool(text), "barcode_values": [text] if text else [], "barcode_formats": ["QR_CODE"] if text else []}

    @staticmethod
    def colour(roi, crop):
        rgb = roi.get("expected_color") or [0, 0, 0]
        target = np.array([rgb[2], rgb[1], rgb[0]], np.int16)
        tolerance = roi.get("color_tolerance") or 10
        near = np.all(np.abs(crop.astype(np.int16) - target) <= tolerance, axis=2)
        share = 100.0 * float(near.mean())
        minimum = roi.get("min_pixel_percentage") or 50.0
        return {"passed": share >= minimum, "match_percentage": round(share, 2), "threshold": minimum}

    def one_roi(self, product, roi, image):
        started = time.perf_counter()
        x1, y1, x2, y2 = roi["coords"]
        h, w = image.shape[:2]
        cx1, cy1, cx2, cy2 = max(x1, 0), max(y1, 0), min(x2, w), min(y2, h)
        kind = {1: "barcode", 2: "compare", 3: "ocr", 4: "color"}.get(roi.get("type"), "unknown")
        result = {"roi_id": roi["idx"], "roi_type_name": kind, "device_id": roi.get("device_location", 1),
                  "coordinates": [x1, y1, x2, y2]}
        try:
            if cx2 <= cx1 or cy2 <= cy1:
                result.update(passed=False, error="ROI outside the image")
            else:
                crop = image[cy1:cy2, cx1:cx2].copy()
                if kind == "compare":
                    result.update(self.compare(product, roi, crop))
                elif kind == "barcode":
                    result.update(self.barcode(crop))
                elif kind == "color":
                    result.update(self.colour(roi, crop))
                else:
                    result.update(passed=False, error=f"{kind} not evaluated by the seed-design peer")
        except Exception as ex:  # one ROI's failure never fails the others
            result.update(passed=False, error=f"{kind} processing failed: {ex}")
        result["processing_time_ms"] = round(1000 * (time.perf_counter() - started), 1)
        return result

    def inspect(self, session, image_path):
        received = time.perf_counter()
        path = image_path
        if path.startswith(CLIENT_PREFIX):
            path = os.path.join(self.shared_root, path[len(CLIENT_PREFIX):])
        image = cv2.imread(path, cv2.IMREAD_COLOR)
        if image is None:
            return {"error": f"Image file not found or unreadable: {image_path}"}, 404
        rois = [r for r in self.rois(session["product_name"]) if r.get("enabled", True)]
        futures = [self.pool.submit(self.one_roi, session["product_name"], r, image) for r in rois]
        results = sorted((f.result() for f in futures), key=lambda r: r["roi_id"])
        passed = sum(1 for r in results if r["passed"])
        overall = {"passed": len(results) > 0 and passed == len(results), "total_rois": len(results),
                   "passed_rois": passed, "failed_rois": len(results) - passed}
        session["inspection_count"] += 1
        return {"roi_results": results, "overall_result": overall,
                "processing_time": round(time.perf_counter() - received, 3)}, 200


def serve(args, model):
    from flask import Flask, jsonify, request

    peer = Peer(args.mode, args.shared_root, args.product_root, model)
    app = Flask("seed_peer")

    @app.get("/api/health")
    def health():
        return jsonify(status="ok", mode=args.mode, torch_threads=torch.get_num_threads(), workers=peer.pool._max_workers)

    @app.post("/api/session/create")
    def create():
        body = request.get_json(silent=True) or {}
        product = body.get("product_name")
        if not product:
            return jsonify(error="Product name is required"), 400
        if not os.path.isfile(os.path.join(args.product_root, product, f"rois_config_{product}.json")):
            return jsonify(error=f"Product not found: {product}"), 404
        sid = str(uuid.uuid4())
        peer.sessions[sid] = {"product_name": product, "inspection_count": 0}
        return jsonify(session_id=sid, product_name=product, message=f"Session created for product: {product}")

    @app.post("/api/session/<sid>/inspect")
    def inspect(sid):
        session = peer.sessions.get(sid)
        if session is None:
            return jsonify(error="Session not found"), 404
        body = request.get_json(silent=True) or {}
        if not body.get("image_path"):
            return jsonify(error="Image data is required (image_path)"), 400
        payload, status = peer.inspect(session, body["image_path"])
        return jsonify(payload), status

    @app.post("/api/session/<sid>/close")
    def close(sid):
        session = peer.sessions.pop(sid, None)
        if session is None:
            return jsonify(error="Session not found"), 404
        return jsonify(message=f"Session {sid} closed", inspection_count=session["inspection_count"])

    app.run(host="127.0.0.1", port=args.port, threaded=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["lean", "faithful"], default="lean")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--shared-root")
    parser.add_argument("--product-root")
    parser.add_argument("--models", required=True, help="the DnnImageModels folder of the build output")
    parser.add_argument("--features", action="store_true")
    parser.add_argument("images", nargs="*")
    args = parser.parse_args()
    model = OnnxResNet(os.path.join(args.models, "ResNet18Onnx", "ResNet18.onnx"),
                       os.path.join(args.models, "ResNetPrepOnnx", "ResNetPreprocess.onnx"))
    model.eval()
    if args.features:
        for path in args.images:
            print(json.dumps([float(v) for v in model.featurize(cv2.imread(path, cv2.IMREAD_COLOR))]))
        return
    serve(args, model)


if __name__ == "__main__":
    sys.exit(main())
