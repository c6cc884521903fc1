/**
 * A Fachbereich enters a requested figure and its reason for one cell of its Produktbereich: unit, plan,
 * line and column (only lines that are no totals and columns open for entry: `locked` comes from the entry
 * rules, `src/core/entry-rules.ts`), shown beside the line's figures of last years and the Kämmerei's figure.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ColumnKind } from '../../src/core/model.js';
import { parseUserAmount } from '../../src/core/money.js';
import { anmeldungApi, api, type NodeView, type TreeNode } from './api.js';
import { euro } from './format.js';

interface Props {
  readonly version: number;
  readonly produktbereich: string;
  readonly onSaved: (message: string) => void;
}

/** The nodes of the tree at and below the Produktbereich, in order. */
function unitsOf(tree: readonly TreeNode[], pb: string): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (nodes: readonly TreeNode[], inside: boolean): void => {
    for (const n of nodes) {
      const here = inside || n.code === pb;
      if (here) out.push(n);
      walk(n.children, here);
    }
  };
  walk(tree, false);
  return out;
}

export function AnmeldungEntry({ version, produktbereich, onSaved }: Props) {
  const [units, setUnits] = useState<TreeNode[]>([]);
  const [unit, setUnit] = useState('');
  const [view, setView] = useState<NodeView | null>(null);
  const [plan, setPlan] = useState('');
  const [line, setLine] = useState('');
  const [column, setColumn] = useState(-1);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api
      .tree(version)
      .then(({ tree }) => {
        const list = unitsOf(tree, produktbereich);
        setUnits(list);
        setUnit(list[0]?.code ?? '');
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [version, produktbereich]);

  useEffect(() => {
    if (!unit) return;
    setView(null);
    void api
      .node(version, unit)
      .then((v) => {
        setView(v);
        setPlan(v.plans[0]?.type ?? '');
        setLine('');
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [version, unit]);

  const p = view?.plans.find((x) => x.type === plan);
  const lines = useMemo(() => p?.lines.filter((l) => !l.total && l.notEditableBecause === null) ?? [], [p]);
  const open = p?.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.locked === null) ?? [];
  const l = lines.find((x) => x.line === line);
  const col = column >= 0 ? column : (open[0]?.i ?? -1);

  const submit = (e: Event): void => {
    e.preventDefault();
    if (!p || !l || col < 0) {
      setError('Bitte Einheit, Zeile und Spalte wählen.');
      return;
    }
    const parsed = parseUserAmount(amount);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    if (reason.trim() === '') {
      setError('Bitte eine Begründung angeben: die Kämmerei entscheidet danach.');
      return;
    }
    const c = p.columns[col]!;
    setBusy(true);
    anmeldungApi
      .request(version, {
        node: unit,
        plan: p.type,
        line: l.line,
        column: { kind: c.kind as ColumnKind, year: c.year },
        amount: parsed.cents,
        reason: reason.trim(),
      })
      .then(() => {
        setError('');
        setAmount('');
        setReason('');
        onSaved(`Angemeldet: ${l.label}, ${c.label}: ${euro(parsed.cents)} €.`);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form
      class="anmeldung-entry"
      onSubmit={submit}
      aria-label={`Anmeldung für Produktbereich ${produktbereich}`}
    >
      <h4>Betrag anmelden</h4>
      <div class="anmeldung-fields">
        <label>
          Einheit
          <select name="unit" value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.code} {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Plan
          <select name="plan" value={plan} onChange={(e) => setPlan(e.currentTarget.value)}>
            {view?.plans.map((x) => (
              <option key={x.type} value={x.type}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Zeile
          <select name="line" value={line} onChange={(e) => setLine(e.currentTarget.value)}>
            <option value="">– bitte wählen –</option>
            {lines.map((x) => (
              <option key={x.line} value={x.line}>
                {x.line} {x.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Spalte
          <select
            name="column"
            value={String(col)}
            onChange={(e) => setColumn(Number(e.currentTarget.value))}
          >
            {open.map(({ c, i }) => (
              <option key={i} value={String(i)}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {p && l ? (
        <p class="anmeldung-figures">
          {p.columns.map((c, i) =>
            c.locked !== null || i === col ? (
              <span key={i}>
                {i === col ? `Kämmerei ${c.label}` : c.label}:{' '}
                <strong>{euro(l.cells[i]?.amount ?? null)} €</strong>
              </span>
            ) : null,
          )}
        </p>
      ) : null}
      <div class="anmeldung-fields">
        <label>
          Angemeldeter Betrag (€)
          <input
            name="amount"
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
            autoComplete="off"
          />
        </label>
        <label class="wide">
          Begründung
          <input
            name="reason"
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
            autoComplete="off"
          />
        </label>
        <button type="submit" disabled={busy}>
          Anmelden
        </button>
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
