import { svg, previewUrl, cropUrl } from './api.js';

/**
 * A large picture with ROI boxes drawn in full-image pixel coordinates. The browser shows a server-side downscaled
 * preview; zooming to a ROI narrows the SVG viewBox and lays a full-resolution crop of that area over the preview.
 */
export class PictureView {
  constructor(container, { onSelect } = {}) {
    this.container = container;
    this.onSelect = onSelect;
    this.width = 0;
    this.height = 0;
    this.boxes = new Map();
    this.root = svg('svg', { viewBox: '0 0 16 9', preserveAspectRatio: 'xMidYMid meet' });
    this.base = svg('image', { x: 0, y: 0 });
    this.zoomLayer = svg('g');
    this.pendingLayer = svg('g');
    this.boxLayer = svg('g');
    this.root.append(this.base, this.zoomLayer, this.pendingLayer, this.boxLayer);
    container.replaceChildren(this.root);
  }

  /** Loads the preview of a shared-root picture; resolves with its full size. */
  async show(picture) {
    this.picture = picture;
    this.clear();
    const response = await fetch(previewUrl(picture));
    if (!response.ok) throw new Error(`preview ${response.status}: ${(await response.json().catch(() => ({}))).error ?? ''}`);
    this.width = Number(response.headers.get('X-Image-Width'));
    this.height = Number(response.headers.get('X-Image-Height'));
    const blob = await response.blob();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = URL.createObjectURL(blob);
    this.base.setAttribute('href', this.objectUrl);
    this.base.setAttribute('width', this.width);
    this.base.setAttribute('height', this.height);
    this.zoomOut();
    return { width: this.width, height: this.height };
  }

  /** Without a picture (e.g. it lies outside the shared folder) the boxes are drawn on an empty frame. */
  showBlank(width, height) {
    this.picture = null;
    this.base.removeAttribute('href');
    this.width = width;
    this.height = height;
    this.zoomOut();
  }

  clear() {
    this.boxes.clear();
    this.boxLayer.replaceChildren();
    this.pendingLayer.replaceChildren();
    this.zoomLayer.replaceChildren();
  }

  /** Dashed outlines for the ROIs still being inspected. */
  pending(rois) {
    this.pendingLayer.replaceChildren(...rois.map(roi => this.#box(roi.idx, roi.coords, { class: 'roi-pending', 'data-roi-id': roi.idx })));
  }

  /** Draws (or redraws) the box of one ROI result: pass / fail / error. */
  result(result) {
    const id = result.roi_id;
    this.pendingLayer.querySelector(`[data-roi-id="${id}"]`)?.remove();
    this.boxes.get(id)?.remove();
    const state = result.passed ? 'pass' : result.error ? 'error' : 'fail';
    const box = this.#box(id, result.coordinates, {
      class: 'roi-box', testid: 'roi-box', 'data-roi-id': id, 'data-passed': String(result.passed), 'data-state': state,
      onclick: () => this.onSelect?.(id),
    });
    this.boxes.set(id, box);
    this.boxLayer.append(box);
  }

  select(id) {
    for (const [key, box] of this.boxes) box.classList.toggle('selected', key === id);
  }

  /** Narrows the view to the ROI with a margin and overlays a sharp crop of that area. */
  zoomTo(coords) {
    const [x1, y1, x2, y2] = coords;
    const margin = Math.max(x2 - x1, y2 - y1) * 0.6 + 20;
    const area = [Math.max(0, x1 - margin), Math.max(0, y1 - margin), Math.min(this.width || x2 + margin, x2 + margin), Math.min(this.height || y2 + margin, y2 + margin)]
      .map(Math.round);
    this.root.setAttribute('viewBox', `${area[0]} ${area[1]} ${area[2] - area[0]} ${area[3] - area[1]}`);
    this.zoomLayer.replaceChildren();
    if (this.picture) {
      this.zoomLayer.append(svg('image', {
        href: cropUrl(this.picture, area, 1600), x: area[0], y: area[1], width: area[2] - area[0], height: area[3] - area[1],
      }));
    }
    this.zoomed = true;
  }

  zoomOut() {
    this.root.setAttribute('viewBox', `0 0 ${this.width || 16} ${this.height || 9}`);
    this.zoomLayer.replaceChildren();
    this.zoomed = false;
  }

  #box(id, [x1, y1, x2, y2], attrs) {
    const fontSize = Math.max(24, Math.round((this.width || 2000) / 90));
    return svg('g', attrs,
      svg('rect', { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }),
      svg('text', { x: x1 + 4, y: Math.max(fontSize, y1 - 6), 'font-size': fontSize }, String(id)));
  }
}
