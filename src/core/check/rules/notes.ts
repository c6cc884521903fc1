/**
 * `import-notes`: what the importer noticed (a misprinted label, a label that names another line, text it had
 * to skip) becomes a finding with the importer's own rule id and severity.
 */
import type { Finding, Rule } from '../../findings.js';
import type { Budget } from '../../model.js';

export const importNotes: Rule = {
  id: 'import-notes',
  title: 'Hinweise des Imports (Druckfehler in Bezeichnungen, übersprungener Text)',
  run: (budget: Budget): Finding[] =>
    budget.notes.map((n) => ({
      severity: n.severity,
      rule: n.rule,
      message: n.message,
      ...(n.node !== undefined ? { node: n.node } : {}),
      ...(n.plan !== undefined ? { plan: n.plan } : {}),
      ...(n.line !== undefined ? { line: n.line } : {}),
      ...(n.source ? { source: n.source } : {}),
    })),
};
