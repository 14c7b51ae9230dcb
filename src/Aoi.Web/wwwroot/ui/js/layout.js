import { api, el } from './api.js';

const PAGES = [
  ['overview', 'Overview', '/ui/'],
  ['inspect', 'Inspect', '/ui/inspect.html'],
  ['golden', 'Golden library', '/ui/golden.html'],
  ['editor', 'ROI editor', '/ui/editor.html'],
  ['health', 'Library health', '/ui/health.html'],
  ['review', 'Review', '/ui/review.html'],
  ['history', 'History', '/history/'],
  ['yield', 'Yield & SPC', '/history/yield.html'],
  ['api', 'API reference', '/apidocs/'],
];

/** The common header: navigation (keeping ?product= across pages) and the server health. */
export function header(active) {
  const product = new URLSearchParams(location.search).get('product');
  const links = PAGES.map(([id, title, href]) => {
    const target = product && id !== 'api' && id !== 'overview' ? `${href}?product=${encodeURIComponent(product)}` : href;
    return el('a', { href: target, class: id === active ? 'active' : null }, title);
  });
  const health = el('span', { class: 'health' }, '…');
  document.body.prepend(el('header', { class: 'app' }, el('span', { class: 'brand' }, 'Visual AOI'), el('nav', {}, links), health));
  api('/api/health').then(h => {
    health.textContent = `server ${h.status} · ${h.active_sessions ?? '?'} session(s)`;
  }).catch(() => { health.textContent = 'server unreachable'; });
}
