/**
 * Import notes: what the importer noticed and could not fix itself — a misprinted label (`label-misprint`,
 * info: "Tellergebnis" printed for "Teilergebnis"), a label naming another line (`label-mismatch`), text or rows
 * it skipped — becomes a finding with the note's own rule id, severity, message, place and source. Nothing is
 * computed here.
 */
import { NO_NODE, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget } from '../../model.js';

function run(budget: Budget, scope?: Scope): Finding[] {
  const notes = scope === undefined ? budget.notes : budget.notes.filter((n) => scope.has(n.node ?? NO_NODE));
  return notes.map((n) => ({
    severity: n.severity,
    rule: n.rule,
    message: n.message,
    ...(n.node !== undefined ? { node: n.node } : {}),
    ...(n.plan !== undefined ? { plan: n.plan } : {}),
    ...(n.line !== undefined ? { line: n.line } : {}),
    ...(n.source ? { source: n.source } : {}),
  }));
}

export const importNotes: Rule = {
  id: 'import-notes',
  title: 'Hinweise des Imports (Druckfehler in Bezeichnungen, übersprungener Text)',
  run,
};
