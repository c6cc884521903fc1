/**
 * The edit dialog, modal by the WAI-ARIA pattern (`aria-modal`, a backdrop that takes the clicks, Tab kept
 * inside, Escape closes, the focus back where it was): a new amount typed the German way
 * and a reason, for a plan cell or an Erläuterung item (then also its text). Errors of the server are shown in
 * the dialog; a stale edit shows the value now stored. A plan cell's edit is shown before the server answers
 * (`preview.ts`); when the server refuses it, the dialog opens again with the entries and the reason.
 *
 * Not `showModal()`: closing a native modal dialog makes Chromium compute the style of every element of the
 * page again (they stop being inert), about 15 ms of the 50 ms an edit may take to show (docs/benchmarks.md).
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { centsRefusal, plausibilityQuestion, type PreviousFigure } from '../../src/core/entry-rules.js';
import { formatThousands, parseUserAmount } from '../../src/core/money.js';
import { euro } from './format.js';
import { DialogButtons, DialogError, Field, ModalDialog, modalKey } from './modal.js';

export interface EditRequest {
  readonly title: string;
  /** Current amount in cents (null: none). */
  readonly amount: number | null;
  /** The cell is printed in T€ (thousands of euros); the amount is entered in euros all the same. */
  readonly thousands?: boolean;
  /** For an Erläuterung item: its text. */
  readonly text?: string;
  readonly amountOptional?: boolean;
  /** The dialog opened again after the server refused what was entered: the entries and the server's reason. */
  readonly retry?: { readonly amount: number | null; readonly reason: string; readonly error: string };
  /** Typed in the plan to start the edit: it replaces the amount (else the amount is shown selected). */
  readonly typed?: string;
  /** The id of the cell the focus goes to after a save with Enter (the one below). */
  readonly next?: string;
  /** The plan takes whole euros only. */
  readonly wholeEuros?: boolean;
  /** Last year's figure of the line: a new amount far from it is asked about before saving. */
  readonly previous?: PreviousFigure;
}

interface Props {
  readonly request: EditRequest;
  readonly onSubmit: (values: { amount: number | null; text: string; reason: string }) => Promise<void>;
  readonly onClose: () => void;
}

export function EditDialog({ request, onSubmit, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [amount, setAmount] = useState(
    request.typed ?? euro(request.retry ? request.retry.amount : request.amount),
  );
  /** The amount the plausibility question was asked for (saving it again means: yes). */
  const [asked, setAsked] = useState<{ amount: number; question: string } | null>(null);
  /** The focus after the dialog: the cell below after a save with Enter, else where it was. */
  const after = useRef<HTMLElement | null>(null);
  const enter = useRef(false);
  const [text, setText] = useState(request.text ?? '');
  const [reason, setReason] = useState(request.retry?.reason ?? '');
  const [error, setError] = useState(request.retry?.error ?? '');
  const [busy, setBusy] = useState(false);

  // the focus moves into the dialog (to the amount, selected: typing replaces it), and back to where it was
  // (the cell) after it, or to the cell below after a save with Enter. At once, before the next key comes.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const input = ref.current?.querySelector<HTMLInputElement>('input[name="amount"]');
    input?.focus();
    if (input && request.typed === undefined) input.select();
    else input?.setSelectionRange(input.value.length, input.value.length);
    return () => {
      const to = after.current?.isConnected ? after.current : opener;
      if (to?.isConnected) to.focus({ preventScroll: to === opener });
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent): void => {
    enter.current = e.key === 'Enter' && e.target instanceof HTMLInputElement;
    modalKey(e, ref.current, onClose);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const parsed = amount.trim() === '' && request.amountOptional ? null : parseUserAmount(amount);
    if (parsed?.ok === false) {
      setError(parsed.error);
      return;
    }
    const cents = parsed ? parsed.cents : null;
    const viaEnter = enter.current;
    enter.current = false;
    const wrong = cents === null ? undefined : centsRefusal(cents, request.wholeEuros === true);
    if (wrong) {
      setError(wrong);
      return;
    }
    // far from last year's figure: asked once in the dialog; saving the same amount again is the answer
    const question = cents === null ? undefined : plausibilityQuestion(cents, request.previous);
    if (question && cents !== null && asked?.amount !== cents) {
      setAsked({ amount: cents, question });
      setError('');
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
    if (viaEnter && request.next) after.current = document.getElementById(request.next);
    try {
      await onSubmit({ amount: cents, text: text.trim(), reason: reason.trim() });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <ModalDialog dialogRef={ref} class="edit-dialog" labelledBy="ed-h" onKeyDown={onKeyDown}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="ed-h">{request.title}</h2>
        <p>
          Bisher: <strong>{request.amount === null ? 'kein Betrag' : `${euro(request.amount)} €`}</strong>
          {request.thousands && request.amount !== null ? (
            <> (gedruckt {formatThousands(request.amount)} T€)</>
          ) : null}
        </p>
        {request.thousands ? (
          <p class="muted">
            Der Betrag wird in Euro eingegeben: ganze Tausend Euro bleiben in T€ gedruckt, jeder andere Betrag
            wird in Euro geführt.
          </p>
        ) : null}
        {request.text !== undefined ? (
          <Field label="Text des Postens" name="text" value={text} onInput={setText} />
        ) : null}
        <Field
          label={`Neuer Betrag in €${request.amountOptional ? ' (leer: ohne Betrag)' : ''}`}
          name="amount"
          value={amount}
          onInput={setAmount}
          decimal
        />
        <Field label="Begründung" name="reason" value={reason} onInput={setReason} />
        <DialogError error={error} />
        {asked && !error ? (
          <p class="question" role="alert">
            {asked.question} Zum Speichern „Trotzdem speichern“ wählen (oder Enter), sonst den Betrag ändern.
          </p>
        ) : null}
        <DialogButtons
          label={asked && !error ? 'Trotzdem speichern' : 'Speichern'}
          busy={busy}
          onClose={onClose}
        />
      </form>
    </ModalDialog>
  );
}
