/**
 * Every field of an Erläuterung item in one dialog (`ErlaeuterungItem` in src/core/model.ts): its letter,
 * text and amount, the previous-year amount it names ("(= Ansatz 2025: 72.610 €)") with its kind and year or
 * "unchanged", the reason printed after it and a remark, and the reason for the change list. A finding about
 * an item (its previous-year amounts against the line) is fixed here, where it arises. Modal like the edit
 * dialog (`modal.tsx`).
 */
import { useRef, useState } from 'preact/hooks';
import type { ColumnKind, ErlaeuterungItem, PreviousAmount } from '../../src/core/model.js';
import { parseUserAmount } from '../../src/core/money.js';
import { euro } from './format.js';
import { DialogButtons, DialogError, Field, ModalDialog, modalKey, useModalFocus } from './modal.js';

/** What the dialog sends: every field (null: none), as the API takes it. */
export interface ItemValues {
  readonly letter: string | null;
  readonly text: string;
  readonly amount: number | null;
  readonly previous: PreviousAmount | null;
  readonly itemReason: string | null;
  readonly remark: string | null;
  readonly reason: string;
}

export interface ItemRequest {
  readonly title: string;
  /** The item as it is; undefined for a new one. */
  readonly item: ErlaeuterungItem | undefined;
  /** The year a new previous-year amount names by default (the budget year before). */
  readonly previousYear: number | undefined;
}

const KINDS: readonly { kind: ColumnKind; label: string }[] = [
  { kind: 'ansatz', label: 'Ansatz' },
  { kind: 'ergebnis', label: 'Ergebnis' },
];

/** An amount typed the German way, or null for an empty field; a German error otherwise. */
function amountOf(text: string, what: string): { cents: number | null } | { error: string } {
  if (text.trim() === '') return { cents: null };
  const parsed = parseUserAmount(text);
  return parsed.ok ? { cents: parsed.cents } : { error: `${what}: ${parsed.error}` };
}

export function ItemDialog({
  request,
  onSubmit,
  onClose,
}: {
  request: ItemRequest;
  onSubmit: (values: ItemValues) => Promise<void>;
  onClose: () => void;
}) {
  const it = request.item;
  const ref = useRef<HTMLDialogElement>(null);
  const [letter, setLetter] = useState(it?.letter ?? '');
  const [text, setText] = useState(it?.text ?? '');
  const [amount, setAmount] = useState(it?.amount === undefined ? '' : euro(it.amount));
  const [kind, setKind] = useState<ColumnKind>(it?.previous?.kind ?? 'ansatz');
  const [year, setYear] = useState(String(it?.previous?.year ?? request.previousYear ?? ''));
  const [unchanged, setUnchanged] = useState(it?.previous?.unchanged ?? false);
  const [previous, setPrevious] = useState(
    it?.previous?.amount === undefined ? '' : euro(it.previous.amount),
  );
  const [itemReason, setItemReason] = useState(it?.reason ?? '');
  const [remark, setRemark] = useState(it?.remark ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useModalFocus(ref, 'input[name="text"]');

  const submit = async (e: Event) => {
    e.preventDefault();
    const a = amountOf(amount, 'Betrag');
    const p = amountOf(previous, 'Vorjahresbetrag');
    if ('error' in a || 'error' in p) {
      setError('error' in a ? a.error : 'error' in p ? p.error : '');
      return;
    }
    const withPrevious = unchanged || p.cents !== null;
    const y = Number(year);
    if (withPrevious && !(Number.isInteger(y) && y >= 1900 && y <= 2200)) {
      setError('Bitte das Jahr des Vorjahresbetrags angeben (z. B. 2025).');
      return;
    }
    if (text.trim() === '') {
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
      await onSubmit({
        letter: letter.trim() || null,
        text: text.trim(),
        amount: a.cents,
        previous: withPrevious
          ? { kind, year: y, unchanged, ...(p.cents !== null ? { amount: p.cents } : {}) }
          : null,
        itemReason: itemReason.trim() || null,
        remark: remark.trim() || null,
        reason: reason.trim(),
      });
    } catch (x) {
      setError(x instanceof Error ? x.message : String(x));
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      dialogRef={ref}
      class="edit-dialog item-dialog"
      labelledBy="it-h"
      onKeyDown={(e) => modalKey(e, ref.current, onClose)}
    >
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="it-h">{request.title}</h2>
        <Field label="Buchstabe" name="letter" value={letter} onInput={setLetter} />
        <Field label="Text des Postens" name="text" value={text} onInput={setText} />
        <Field
          label="Neuer Betrag in € (leer: ohne Betrag)"
          name="amount"
          value={amount}
          onInput={setAmount}
        />
        <fieldset>
          <legend>Vorjahr (leer: ohne Vorjahresbetrag)</legend>
          <label>
            Art
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as ColumnKind)}>
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <Field label="Jahr" name="previous-year" value={year} onInput={setYear} />
          <Field label="Vorjahresbetrag in €" name="previous" value={previous} onInput={setPrevious} />
          <label class="check">
            <input
              type="checkbox"
              name="unchanged"
              checked={unchanged}
              onChange={(e) => setUnchanged(e.currentTarget.checked)}
            />{' '}
            derselbe Betrag wie dieses Jahr (gedruckt „= Ansatz …“)
          </label>
        </fieldset>
        <Field
          label="Zusatz nach dem Vorjahresbetrag (gedruckt)"
          name="item-reason"
          value={itemReason}
          onInput={setItemReason}
        />
        <Field label="Bemerkung" name="remark" value={remark} onInput={setRemark} />
        <Field label="Begründung der Änderung" name="reason" value={reason} onInput={setReason} />
        <DialogError error={error} />
        <DialogButtons label="Speichern" busy={busy} onClose={onClose} />
      </form>
    </ModalDialog>
  );
}
