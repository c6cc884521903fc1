/** Budgets: list, one budget with its versions, imports by upload (`routes/budgets.ts`). */
import { List, Obj, budgetParams, errors } from './common.js';
import { budgetInfo, imported, versionInfo } from './answers.js';

const tags = ['Haushalte'];

const upload = {
  tags,
  consumes: ['multipart/form-data'],
  description:
    'multipart/form-data: eine oder mehrere Dateien (Plantext, PDF, Tidy-CSV, CSV, XLSX) und die Felder ' +
    'name, label, reason, stage, strict (alle freiwillig; strict=true lehnt Dateien mit unlesbaren ' +
    'Beträgen ab, statt sie auszulassen und zu melden). Antwort: die neue Version und `reconciliation`, ' +
    'der Abgleich der Beträge je Datei und Spalte, und `layout`, die erkannte Gestaltung je Datei (Kopfzeilen, ' +
    'Operatorspalte, Vorzeichen, Einheit, …). Nur Kämmerei.',
  response: { 201: imported, ...errors },
};

export const budgetContract = {
  'GET /api/budgets': {
    summary: 'Haushalte',
    tags,
    response: { 200: Obj({ budgets: List(budgetInfo) }), ...errors },
  },
  'GET /api/budgets/:id': {
    summary: 'Ein Haushalt mit seinen Versionen',
    tags,
    params: budgetParams,
    response: { 200: Obj({ ...budgetInfo.properties, versions: List(versionInfo) }), ...errors },
  },
  'GET /api/budgets/:id/versions': {
    summary: 'Versionen eines Haushalts',
    tags,
    params: budgetParams,
    response: { 200: Obj({ versions: List(versionInfo) }), ...errors },
  },
  'POST /api/budgets': { summary: 'Einen Haushalt importieren (Upload)', ...upload },
  'POST /api/budgets/:id/versions': {
    summary: 'Eine neue Version eines Haushalts importieren (Upload)',
    params: budgetParams,
    ...upload,
  },
} as const;
