/**
 * The edit dialog (a modal `<dialog>`: focus stays inside, Escape closes): a new amount typed the German way
 * and a reason, for a plan cell or an Erläuterung item (then also its text). Errors of the server are shown in
 * the dialog; a stale edit shows the value now stored.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { euro, parseEuro } from './format.js';

export interface EditRequest {
  readonly title: string;
  /** Current amount in cents (null: none). */
  readonly amount: number | null;
  /** For an Erläuterung item: its text. */
  readonly text?: string;
  readonly amountOptional?: boolean;
}

interface Props {
  readonly request: EditRequest;
  readonly onSubmit: (values: { amount: number | null; text: string; reason: string }) => Promise<void>;
  readonly onClose: () => void;
}

export function EditDialog({ request, onSubmit, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [amount, setAmount] = useState(euro(request.amount));
  const [text, setText] = useState(request.text ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const cents = amount.trim() === '' && request.amountOptional ? null : parseEuro(amount);
    if (cents === undefined) {
      setError('Bitte einen Betrag in Euro angeben, z. B. -600.000 oder 1.234,56.');
      return;
    }
    if (request.text !== undefined && text.trim() === '') {
      setError('Bitte den Text des Postens angeben.');
      return;
    }
    if (reason.trim() === '') {
      setError('Bitte eine Begründung angeben: sie kommt ins Änderungsprotokoll.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await onSubmit({ amount: cents, text: text.trim(), reason: reason.trim() });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} class="edit-dialog" aria-labelledby="ed-h" onClose={onClose} onCancel={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="ed-h">{request.title}</h2>
        <p>
          Bisher: <strong>{request.amount === null ? 'kein Betrag' : `${euro(request.amount)} €`}</strong>
        </p>
        {request.text !== undefined ? (
          <label>
            Text des Postens
            <input
              name="text"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              autoComplete="off"
            />
          </label>
        ) : null}
        <label>
          Neuer Betrag in €{request.amountOptional ? ' (leer: ohne Betrag)' : ''}
          <input
            name="amount"
            inputMode="decimal"
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
            autoComplete="off"
            autoFocus
          />
        </label>
        <label>
          Begründung
          <input
            name="reason"
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
            autoComplete="off"
          />
        </label>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="buttons">
          <button type="submit" disabled={busy}>
            Speichern
          </button>
          <button type="button" onClick={onClose}>
            Abbrechen
          </button>
        </div>
      </form>
    </dialog>
  );
}
