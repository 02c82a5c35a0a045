/**
 * Tooltips on the marks of every figure, loaded by ./bootstrap.ts the first
 * time a reader points at or focuses a figure.
 *
 * The build gives each mark its values as an SVG <title> (the views set
 * Plot `title` channels; src/figures/render.ts). This module turns a mark's
 * <title> into a styled tooltip: on hover (or touch) of the mark, and from
 * the keyboard on a focused chart (each `.panel` is focusable): the arrow
 * keys move between the marks (to the nearest mark in that direction),
 * Escape hides the tooltip, and the text is also said by a polite live
 * region. The <title> is moved into data-tip when first shown, so the
 * browser's own (unstyled, delayed) tooltip does not show as well.
 *
 * Charts whose marks have no <title> (dense scatters, similarity heatmaps)
 * get Plot's pointer tips instead: the first time the pointer enters such a
 * chart, ./redraw.ts draws the figure again from its data download.
 */

const MARK_SELECTOR = 'figure.cc-figure svg [data-tip], figure.cc-figure svg :is(rect, circle, path, text, line, polygon, use, image):has(> title)';
const STYLE = `
.cc-tip { position: fixed; z-index: 50; max-width: 20rem; padding: 0.35rem 0.55rem; border-radius: 4px; background: #1d1d1f; color: #fff;
  font: 0.82rem/1.35 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; white-space: pre-line; pointer-events: none;
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25); font-variant-numeric: tabular-nums; }
.cc-tip[hidden] { display: none; }
.cc-tip-active { stroke: #000; stroke-width: 2px; paint-order: stroke; outline: 2px solid #f5c400; outline-offset: 1px; }
.cc-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

let tip: HTMLDivElement;
let live: HTMLDivElement;
let active: Element | null = null;
/** the active mark was chosen with the keyboard (it stays while its chart has focus) */
let byKeyboard = false;

/** The tooltip text of a mark: its data-tip, or its <title> (moved into data-tip). */
export function tipText(mark: Element): string {
  const stored = mark.getAttribute('data-tip');
  if (stored !== null) return stored;
  const title = [...mark.children].find((c) => c.tagName.toLowerCase() === 'title');
  const text = title?.textContent ?? '';
  title?.remove();
  mark.setAttribute('data-tip', text);
  return text;
}

/** The mark with a tooltip at or above `target`, inside a figure's chart. */
function markOf(target: EventTarget | null): Element | null {
  if (!(target instanceof Element)) return null;
  const mark = target.closest(MARK_SELECTOR);
  return mark?.closest('figure.cc-figure') ? mark : null;
}

function place(x: number, y: number): void {
  const pad = 12;
  const { width, height } = tip.getBoundingClientRect();
  const left = x + pad + width > window.innerWidth ? Math.max(4, x - pad - width) : x + pad;
  const top = y + pad + height > window.innerHeight ? Math.max(4, y - pad - height) : y + pad;
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

/** Shows the tooltip of `mark`, near (x, y) in the viewport, or beside the mark. */
export function show(mark: Element, at?: { x: number; y: number }, announce = false): void {
  byKeyboard = announce;
  const text = tipText(mark);
  if (!text) {
    hide();
    return;
  }
  if (active !== mark) {
    active?.classList.remove('cc-tip-active');
    mark.classList.add('cc-tip-active');
    active = mark;
  }
  tip.textContent = text;
  tip.hidden = false;
  const box = mark.getBoundingClientRect();
  place(at?.x ?? box.right, at?.y ?? box.top + box.height / 2);
  const figure = mark.closest<HTMLElement>('figure.cc-figure');
  if (figure) figure.dataset.tipShown = text;
  if (announce) live.textContent = text;
}

export function hide(): void {
  active?.classList.remove('cc-tip-active');
  active = null;
  if (tip) tip.hidden = true;
}

/** The marks with tooltips in a chart panel, in document order. */
const marksIn = (panel: Element) =>
  [...panel.querySelectorAll(MARK_SELECTOR)].filter((m) => m.getBoundingClientRect().width + m.getBoundingClientRect().height > 0);

const centre = (e: Element) => {
  const b = e.getBoundingClientRect();
  return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
};

/** The nearest mark from `from` in a direction (weighting the sideways offset), or undefined. */
function nearest(marks: Element[], from: Element, dx: number, dy: number): Element | undefined {
  const p = centre(from);
  let best: Element | undefined;
  let score = Number.POSITIVE_INFINITY;
  for (const m of marks) {
    if (m === from) continue;
    const q = centre(m);
    const along = (q.x - p.x) * dx + (q.y - p.y) * dy;
    if (along <= 0.5) continue;
    const across = Math.abs((q.x - p.x) * dy - (q.y - p.y) * dx);
    const s = along + 2 * across;
    if (s < score) [score, best] = [s, m];
  }
  return best;
}

const KEYS: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

function onKey(event: KeyboardEvent): void {
  const panel = event.target instanceof Element ? event.target.closest('figure.cc-figure .panel') : null;
  if (!panel || event.target !== panel) return;
  if (event.key === 'Escape') {
    hide();
    return;
  }
  const dir = KEYS[event.key];
  if (!dir) return;
  const marks = marksIn(panel);
  if (!marks.length) return;
  event.preventDefault();
  const current = active && panel.contains(active) ? active : null;
  const next = current ? (nearest(marks, current, dir[0], dir[1]) ?? current) : marks[0];
  show(next, undefined, true);
}

/** The marks ./redraw.ts gives pointer tips (as its TIP_MARKS; repeated here so that this module does not load Plot). */
const TIP_MARKS = new Set(['dot', 'rect', 'cell', 'bar', 'image']);

/** Whether a figure's charts have marks without a <title> (and that take the pointer). */
export function untitled(figure: Element): boolean {
  for (const g of figure.querySelectorAll('.panels svg g[data-mark]')) {
    if (!TIP_MARKS.has(g.getAttribute('data-mark') ?? '') || g.getAttribute('pointer-events') === 'none') continue;
    const first = g.firstElementChild;
    if (first && !first.hasAttribute('data-tip') && !first.querySelector(':scope > title')) return true;
  }
  return false;
}

/** The first time the pointer enters a chart of a figure with untitled marks: draw it again with pointer tips (./redraw.ts). */
function redrawOnce(target: EventTarget | null): void {
  const figure = target instanceof Element ? target.closest<HTMLElement>('figure.cc-figure') : null;
  if (!figure || figure.dataset.pointerTips || !target || !(target as Element).closest('.panel')) return;
  // a figure with its own island (the introduction's slider) redraws itself
  if (figure.querySelector('[data-demo-slider]') || !untitled(figure)) {
    figure.dataset.pointerTips = 'none';
    return;
  }
  figure.dataset.pointerTips = 'loading';
  import('./redraw')
    .then((m) => m.redraw(figure))
    .then(
      () => {
        figure.dataset.pointerTips = 'ready';
      },
      (error: unknown) => {
        figure.dataset.pointerTips = 'failed';
        console.error('pointer tips:', error);
      },
    );
}

/** An event over a chart that came while this module loaded (FigureIslands.astro): its figure is redrawn with pointer tips as on a first entry. */
export function redrawAt(e: Event): void {
  redrawOnce(e.target);
}

let installed = false;

/** Installs the listeners, and shows the tooltip for the event that loaded this module. */
export function install(first?: Event): void {
  if (!installed) {
    installed = true;
    const style = document.createElement('style');
    style.textContent = STYLE;
    document.head.append(style);
    tip = document.createElement('div');
    tip.className = 'cc-tip';
    tip.hidden = true;
    tip.setAttribute('aria-hidden', 'true');
    live = document.createElement('div');
    live.className = 'cc-sr-only';
    live.setAttribute('aria-live', 'polite');
    document.body.append(tip, live);
    document.addEventListener('pointermove', (e) => {
      const mark = markOf(e.target);
      if (mark) show(mark, { x: e.clientX, y: e.clientY });
      else if (active && !byKeyboard) hide();
    });
    document.documentElement.addEventListener('pointerleave', hide);
    document.addEventListener('pointerover', (e) => redrawOnce(e.target), { passive: true });
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusout', (e) => {
      if (active && e.target instanceof Element && e.target.contains(active)) hide();
    });
    window.addEventListener('scroll', () => active && !byKeyboard && hide(), { passive: true });
  }
  if (first instanceof PointerEvent) {
    redrawOnce(first.target);
    const mark = markOf(first.target);
    if (mark) show(mark, { x: first.clientX, y: first.clientY });
  } else if (first instanceof KeyboardEvent) onKey(first);
}
