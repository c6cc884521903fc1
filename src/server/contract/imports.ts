/**
 * The import preview (`routes/imports.ts`): an upload read as `POST /api/budgets` reads it, answered with what
 * was recognised, nothing stored (`../import-preview.ts`).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { ImportPreview } from '../import-preview.js';
import { List, Nullable, Obj, errors, planType } from './common.js';
import { fileLayout, reconciliation, versionInfo } from './answers.js';
import { finding, level } from './model.js';
import { budgetSummary, findingsSummary } from './overview.js';

const tags = ['Haushalte'];

export const importPreview = Obj({
  title: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  files: List(Type.String()),
  levels: Obj({
    haushalt: Type.Integer(),
    produktbereich: Type.Integer(),
    produktgruppe: Type.Integer(),
    produkt: Type.Integer(),
  }),
  units: List(Obj({ code: Type.String(), level, name: Type.String(), plans: List(planType) })),
  unitsTotal: Type.Integer(),
  summary: budgetSummary,
  reconciliation: List(reconciliation),
  layout: List(fileLayout),
  findings: findingsSummary,
  listed: List(finding),
});

export const importContract = {
  'POST /api/imports/preview': {
    summary: 'Vorschau eines Imports (Upload): was erkannt wurde, nichts wird gespeichert',
    tags,
    consumes: ['multipart/form-data'],
    description:
      'multipart/form-data wie POST /api/budgets: eine oder mehrere Dateien, wahlweise ein Importprofil ' +
      '(Dateifeld profile, JSON) und eine Kontenzuordnung (Dateifeld mapping, CSV), das Feld strict. Dieselben ' +
      'Grenzen und dieselbe Auftragswarteschlange wie der Import; Antwort: Einheiten je Ebene, der Haushalt im ' +
      'Überblick, der Abgleich je Datei und Spalte, die erkannte Gestaltung und die Befunde der Prüfung mit ' +
      'ihrer Stelle. Nur Kämmerei.',
    response: { 200: importPreview, ...errors },
  },
  'POST /api/imports/demo': {
    summary: 'Den synthetischen Demohaushalt anlegen (erfundene Zahlen, öffentlich lesbar; nur Kämmerei)',
    tags,
    response: { 201: versionInfo, ...errors },
  },
} as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ImportPreviewMatchesServer = [Assert<Same<Static<typeof importPreview>, ImportPreview>>];
