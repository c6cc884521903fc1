/**
 * The German wording of why a plan cell cannot be edited (`editRefusal` in propagate.ts), in one place: as the
 * store's answer to an edit and as the page's hint on a line that is not editable. Pure.
 */
import type { EditRefusal } from './propagate.js';

/** The store's refusal of an edit of `ref`. */
export function editRefusalMessage(
  refusal: EditRefusal,
  ref: { readonly node: string; readonly plan: string; readonly line: string },
): string {
  switch (refusal.reason) {
    case 'total':
      return `Zeile ${ref.line} (${refusal.label}) ist eine Summenzeile; sie ergibt sich aus ihren Zeilen.`;
    case 'derived':
      return `Die Beträge von ${ref.node} ergeben sich aus ${refusal.children.join(', ')}; bitte dort ändern.`;
    case 'no-node':
      return `Die Fassung hat keine Einheit ${ref.node}.`;
    case 'no-plan':
      return `${ref.node} hat keinen ${ref.plan}.`;
    case 'no-line':
      return `Der Plan hat keine Zeile ${ref.line}.`;
  }
}

/** Why a line of a node view is not editable, as the page shows it beside the line. */
export function editRefusalHint(refusal: EditRefusal): string {
  switch (refusal.reason) {
    case 'total':
      return `Summenzeile (${refusal.label}): ergibt sich aus ihren Zeilen.`;
    case 'derived':
      return `Ergibt sich aus den untergeordneten Einheiten (${refusal.children.join(', ')}).`;
    case 'no-line':
      return 'Diese Zeile gibt es im Plan nicht.';
    case 'no-node':
    case 'no-plan':
      return 'Diesen Plan gibt es hier nicht.';
  }
}
