/**
 * What the page's modal dialogs share (the edit dialog, the confirmation): Escape closes, Tab and Shift+Tab
 * stay inside (WAI-ARIA dialog pattern); the two answers at the foot.
 */
export function modalKey(e: KeyboardEvent, root: HTMLElement | null, close: () => void): void {
  if (e.key === 'Escape') {
    e.preventDefault();
    close();
    return;
  }
  if (e.key !== 'Tab' || !root) return;
  const focusable = [
    ...root.querySelectorAll<HTMLElement>('input, select, textarea, button:not([disabled])'),
  ];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last?.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first?.focus();
  }
}

/** The dialog's two answers: the action (a submit) and Abbrechen. */
export function DialogButtons({
  label,
  busy,
  onClose,
}: {
  label: string;
  busy: boolean;
  onClose: () => void;
}) {
  return (
    <div class="buttons">
      <button type="submit" disabled={busy}>
        {label}
      </button>
      <button type="button" onClick={onClose}>
        Abbrechen
      </button>
    </div>
  );
}
