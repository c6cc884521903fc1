/**
 * What the page's modal dialogs share (the edit dialog, the item dialog, the confirmation): the frame (a
 * backdrop that takes the clicks, `aria-modal`), Escape closes, Tab and Shift+Tab stay inside (WAI-ARIA dialog
 * pattern), the focus moved in and back where it was, a labelled text field, the error line and the two answers
 * at the foot.
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

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

/** The modal frame: the backdrop and the dialog, labelled by its heading (`labelledBy`). */
export function ModalDialog(props: {
  dialogRef: RefObject<HTMLDialogElement>;
  class: string;
  labelledBy: string;
  describedBy?: string;
  onKeyDown: (e: KeyboardEvent) => void;
  children: ComponentChildren;
}) {
  return (
    <>
      <div class="dialog-backdrop" />
      <dialog
        ref={props.dialogRef}
        open
        class={props.class}
        aria-modal="true"
        aria-labelledby={props.labelledBy}
        {...(props.describedBy !== undefined ? { 'aria-describedby': props.describedBy } : {})}
        onKeyDown={props.onKeyDown}
      >
        {props.children}
      </dialog>
    </>
  );
}

/** The focus into the dialog (the first element matching `selector`), and back where it was when it closes. */
export function useModalFocus(dialog: RefObject<HTMLDialogElement>, selector: string): void {
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.querySelector<HTMLElement>(selector)?.focus();
    return () => {
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);
}

/** A labelled text field of a dialog; `decimal` asks a phone for its number keys. */
export function Field(props: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  decimal?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        autoComplete="off"
        {...(props.decimal ? { inputMode: 'decimal' as const } : {})}
      />
    </label>
  );
}

/** What went wrong (the check in the dialog or the server's refusal), announced. */
export function DialogError({ error }: { error: string }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}
