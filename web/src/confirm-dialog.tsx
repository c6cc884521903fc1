/**
 * A confirmation in the page's own dialog, not the browser's `confirm()`: a title, what the step means (its
 * consequence, in words), a reason for the change list, and the two answers. Modal by the WAI-ARIA pattern as
 * the edit dialog (`aria-modal`, Tab kept inside, Escape cancels, the focus back where it was); the server's
 * refusal is shown in the dialog.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { DialogButtons, DialogError, Field, ModalDialog, modalKey, useModalFocus } from './modal.js';

interface Props {
  readonly title: string;
  /** What the step does, in full sentences. */
  readonly children: ComponentChildren;
  /** The button that does it ("Weitergeben", "Nachtrag anlegen"). */
  readonly confirm: string;
  /** The reason's first text (the user may change it); undefined: the step takes no reason. */
  readonly reason?: string | undefined;
  readonly onConfirm: (reason: string) => Promise<void>;
  readonly onClose: () => void;
}

export function ConfirmDialog({ title, children, confirm, reason: first, onConfirm, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const asksReason = first !== undefined;
  const [reason, setReason] = useState(first ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useModalFocus(ref, 'input[name="reason"], button[type="submit"]');

  const onKeyDown = (e: KeyboardEvent): void => modalKey(e, ref.current, onClose);

  return (
    <ModalDialog
      dialogRef={ref}
      class="edit-dialog confirm-dialog"
      labelledBy="cf-h"
      describedBy="cf-d"
      onKeyDown={onKeyDown}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (asksReason && reason.trim() === '') {
            setError('Bitte eine Begründung angeben: sie kommt ins Änderungsprotokoll.');
            return;
          }
          setBusy(true);
          onConfirm(reason.trim()).catch((err: unknown) => {
            setError(err instanceof Error ? err.message : String(err));
            setBusy(false);
          });
        }}
      >
        <h2 id="cf-h">{title}</h2>
        <div id="cf-d">{children}</div>
        {asksReason ? <Field label="Begründung" name="reason" value={reason} onInput={setReason} /> : null}
        <DialogError error={error} />
        <DialogButtons label={confirm} busy={busy} onClose={onClose} />
      </form>
    </ModalDialog>
  );
}
