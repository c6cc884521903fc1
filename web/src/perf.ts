/**
 * Performance marks and measures for the benchmark (`bench/web.ts`): `haushalt:nav-start`, `node-shown`,
 * `edit-start`, `edit-shown`, `edit-saved` (the last two with the number of cells in `detail.cells`), and the
 * measures `haushalt:first-node` (from navigation start), `navigation`, `edit` (to the preview on screen) and
 * `edit-saved` (to the answer on screen).
 */

export function mark(name: string, detail?: unknown): void {
  performance.mark(`haushalt:${name}`, detail === undefined ? undefined : { detail });
}

export function measure(name: string, start: string, end: string): void {
  try {
    performance.measure(`haushalt:${name}`, `haushalt:${start}`, `haushalt:${end}`);
  } catch {
    /* the start mark is missing: nothing to measure */
  }
}

/** A node is on screen: the navigation's measure, and the first node's since the page was opened. */
export function markNodeShown(): void {
  mark('node-shown');
  measure('navigation', 'nav-start', 'node-shown');
  if (performance.getEntriesByName('haushalt:first-node', 'measure').length === 0)
    performance.measure('haushalt:first-node', { start: 0, end: performance.now() });
}

/**
 * Calls back once the next frame is on screen: a frame's animation callbacks run before its style, layout and
 * paint, and a message posted from one is handled after them (the frame produced).
 */
export function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => {
    afterPaint.push(callback);
    paintChannel.port2.postMessage(null);
  });
}
/** One channel for all (a new channel costs a few milliseconds in the very frame to be measured). */
const paintChannel = new MessageChannel();
const afterPaint: (() => void)[] = [];
paintChannel.port1.onmessage = () => afterPaint.shift()?.();
