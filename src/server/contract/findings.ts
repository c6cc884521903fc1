/** Findings of `check` on a version, and accepting one (`routes/findings.ts`). */
import { Type } from '@sinclair/typebox';
import { SEVERITIES } from '../../core/findings.js';
import { Obj, budgetParams, errors, nodeCode, reason, text, versionParams } from './common.js';
import { acceptedFinding, versionFindings } from './answers.js';

const tags = ['Befunde'];
const one = `(${SEVERITIES.join('|')})`;

export const findingContract = {
  'GET /api/versions/:v/findings': {
    summary:
      'Befunde der Prüfung: offen, akzeptiert, veraltete Akzeptanzen, Anzahl je Schwere; ' +
      'wahlweise nur einer Einheit (node) oder nur bestimmter Schweregrade (severity=error,warning)',
    tags,
    params: versionParams,
    querystring: Obj({
      node: Type.Optional(nodeCode),
      severity: Type.Optional(
        Type.String({ pattern: `^${one}(,${one})*$`, description: 'Schweregrade, durch Komma getrennt' }),
      ),
    }),
    response: { 200: versionFindings, ...errors },
  },
  'POST /api/budgets/:id/accepted-findings': {
    summary: 'Einen Befund mit Begründung akzeptieren (Kämmerei)',
    tags,
    params: budgetParams,
    body: Obj({ key: text(1000, 1), reason }),
    response: { 201: acceptedFinding, ...errors },
  },
} as const;
