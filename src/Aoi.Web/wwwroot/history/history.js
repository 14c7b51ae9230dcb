// Shared helpers of the history pages: API calls, escaping, the nav include, and inline-SVG charts.
"use strict";

const Aoi = {
  async json(url) {
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
    return body;
  },

  esc(text) {
    return String(text ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  },

  // Query string from a form's non-empty fields.
  query(form) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (String(value).trim()) params.set(key, String(value).trim());
    return params;
  },

  async nav() {
    const slot = document.getElementById("nav");
    if (slot) slot.innerHTML = await (await fetch("/history/nav.html")).text();
  },

  showError(element, error) {
    element.innerHTML = `<p class="error">${Aoi.esc(error.message || error)}</p>`;
  },

  svg(width, height, body) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;
  },

  // Line chart: series = [{name, colour, points:[{x: label, y: number}]}], x labels shared and ordered.
  lineChart(series, { width = 800, height = 300, yMin = 0, yMax = 1, yFormat = v => v.toFixed(2), lines = [] } = {}) {
    const pad = { l: 50, r: 120, t: 10, b: 40 };
    const labels = [...new Set(series.flatMap(s => s.points.map(p => p.x)))].sort();
    const w = width - pad.l - pad.r, h = height - pad.t - pad.b;
    const x = i => pad.l + (labels.length <= 1 ? w / 2 : (i * w) / (labels.length - 1));
    const y = v => pad.t + h - ((v - yMin) / (yMax - yMin || 1)) * h;
    let body = `<line x1="${pad.l}" y1="${pad.t + h}" x2="${pad.l + w}" y2="${pad.t + h}" stroke="#999"/>`;
    body += `<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${pad.t + h}" stroke="#999"/>`;
    for (let k = 0; k <= 4; k++) {
      const v = yMin + ((yMax - yMin) * k) / 4;
      body += `<text x="${pad.l - 4}" y="${y(v) + 4}" font-size="10" text-anchor="end">${Aoi.esc(yFormat(v))}</text>`;
    }
    const step = Math.max(1, Math.ceil(labels.length / 10));
    labels.forEach((label, i) => {
      if (i % step === 0) body += `<text x="${x(i)}" y="${pad.t + h + 14}" font-size="10" text-anchor="middle">${Aoi.esc(label)}</text>`;
    });
    for (const line of lines) {
      if (line.y == null) continue;
      body += `<line x1="${pad.l}" x2="${pad.l + w}" y1="${y(line.y)}" y2="${y(line.y)}" stroke="${line.colour}" stroke-dasharray="${line.dash || "4 3"}"/>`;
      body += `<text x="${pad.l + w + 4}" y="${y(line.y) + 4}" font-size="10" fill="${line.colour}">${Aoi.esc(line.name)} ${Aoi.esc(yFormat(line.y))}</text>`;
    }
    series.forEach((s, n) => {
      const pts = s.points.map(p => [x(labels.indexOf(p.x)), y(p.y), p]);
      body += `<polyline fill="none" stroke="${s.colour}" stroke-width="1.5" points="${pts.map(([a, b]) => `${a},${b}`).join(" ")}"/>`;
      for (const [a, b, p] of pts) {
        const colour = p.flagged ? "#d00" : s.colour;
        body += `<circle cx="${a}" cy="${b}" r="${p.flagged ? 4 : 2.5}" fill="${colour}"><title>${Aoi.esc(p.title || `${p.x}: ${yFormat(p.y)}`)}</title></circle>`;
      }
      if (!lines.length) body += `<text x="${pad.l + w + 4}" y="${pad.t + 12 + n * 14}" font-size="11" fill="${s.colour}">${Aoi.esc(s.name)}</text>`;
    });
    return Aoi.svg(width, height, body);
  },

  // Horizontal bars: items = [{label, value, text}] with values 0..max.
  barChart(items, { width = 800, barHeight = 18, max = Math.max(1, ...items.map(i => i.value)) } = {}) {
    const labelWidth = 220, height = items.length * (barHeight + 6) + 10;
    let body = "";
    items.forEach((item, i) => {
      const top = 5 + i * (barHeight + 6);
      const length = ((width - labelWidth - 80) * item.value) / max;
      body += `<text x="${labelWidth - 6}" y="${top + barHeight - 5}" font-size="11" text-anchor="end">${Aoi.esc(item.label)}</text>`;
      body += `<rect x="${labelWidth}" y="${top}" width="${Math.max(1, length)}" height="${barHeight}" fill="#c0392b"/>`;
      body += `<text x="${labelWidth + length + 6}" y="${top + barHeight - 5}" font-size="11">${Aoi.esc(item.text)}</text>`;
    });
    return Aoi.svg(width, height, body);
  },
};

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"];
