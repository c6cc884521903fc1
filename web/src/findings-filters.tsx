/**
 * The filters of the findings list (`findings.tsx`): status (open or accepted), severity, rule, unit (a
 * Produktbereich and everything below it) and what the list is grouped by.
 */
import { SEVERITIES, type Finding, type Severity } from '../../src/core/findings.js';
import {
  NO_FILTER,
  PLURAL,
  ruleLabel,
  unitsOf,
  type FindingsFilter,
  type GroupBy,
} from './findings-groups.js';

export type Status = 'offen' | 'akzeptiert';

export function Filters({
  all,
  filter,
  setFilter,
  by,
  setBy,
  status,
  setStatus,
  idPrefix,
}: {
  all: readonly Finding[];
  filter: FindingsFilter;
  setFilter: (f: FindingsFilter) => void;
  by: GroupBy;
  setBy: (b: GroupBy) => void;
  status: Status;
  setStatus: (s: Status) => void;
  idPrefix: string;
}) {
  const rules = [...new Set(all.map((f) => f.rule))].sort((a, b) =>
    ruleLabel(a).localeCompare(ruleLabel(b), 'de'),
  );
  const units = unitsOf(all);
  const id = (x: string) => `${idPrefix}-${x}`;
  return (
    <form class="finding-filters" onSubmit={(e) => e.preventDefault()} aria-label="Befunde filtern">
      <label for={id('status')}>Status</label>
      <select id={id('status')} value={status} onChange={(e) => setStatus(e.currentTarget.value as Status)}>
        <option value="offen">Offen</option>
        <option value="akzeptiert">Akzeptiert</option>
      </select>
      <label for={id('schwere')}>Schwere</label>
      <select
        id={id('schwere')}
        value={filter.severity}
        onChange={(e) => setFilter({ ...filter, severity: e.currentTarget.value as Severity | '' })}
      >
        <option value="">alle</option>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {PLURAL[s]}
          </option>
        ))}
      </select>
      <label for={id('regel')}>Regel</label>
      <select
        id={id('regel')}
        value={filter.rule}
        onChange={(e) => setFilter({ ...filter, rule: e.currentTarget.value })}
      >
        <option value="">alle</option>
        {rules.map((r) => (
          <option key={r} value={r}>
            {ruleLabel(r)}
          </option>
        ))}
      </select>
      {units.length > 1 ? (
        <>
          <label for={id('einheit')}>Einheit</label>
          <select
            id={id('einheit')}
            value={filter.unit}
            onChange={(e) => setFilter({ ...filter, unit: e.currentTarget.value })}
          >
            <option value="">alle</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label for={id('gruppe')}>Gruppieren nach</label>
      <select id={id('gruppe')} value={by} onChange={(e) => setBy(e.currentTarget.value as GroupBy)}>
        <option value="regel">Regel</option>
        <option value="einheit">Einheit</option>
      </select>
      {filter !== NO_FILTER ? (
        <button type="button" onClick={() => setFilter(NO_FILTER)}>
          Filter zurücksetzen
        </button>
      ) : null}
    </form>
  );
}
