/**
 * The notes of a long table that say how it was read: where a note of the whole file stands (the header's
 * line), and the German description of the columns recognised (`long-columns`), of amount columns left unread
 * and of Unterprodukte summed into their products.
 */
import type { ImportNote, Level } from '../../core/model.js';
import type { ColumnRoles, LineMode } from './roles.js';

/** Adds a note; without a line it stands at the file's header. */
export type Note = (severity: ImportNote['severity'], rule: string, message: string, line?: number) => void;

/** A `Note` that adds to `notes`, at `headerLine` unless told another line. */
export function noteInto(notes: ImportNote[], file: string, headerLine: number): Note {
  return (severity, rule, message, line = headerLine) => {
    notes.push({ severity, rule, message, source: { file, line } });
  };
}

export const LEVEL_NAME: Readonly<Record<Level, string>> = {
  haushalt: 'Haushalt',
  produktbereich: 'Produktbereich',
  produktgruppe: 'Produktgruppe',
  produkt: 'Produkt',
};

function describeRoles(header: readonly string[], roles: ColumnRoles, lineText: string): string {
  const h = (c: number | undefined): string => (c === undefined ? '' : `„${header[c] ?? ''}“`);
  const parts = [`Betrag ${h(roles.amount)}`];
  if (roles.year !== undefined) parts.push(`Jahr ${h(roles.year)}`);
  if (roles.kind !== undefined) parts.push(`Art ${h(roles.kind)}`);
  if (roles.direction !== undefined) parts.push(`Richtung ${h(roles.direction)}`);
  for (const l of roles.levels) {
    const what = [
      l.code !== undefined ? `Nummer ${h(l.code)}` : '',
      l.name !== undefined ? `Bezeichnung ${h(l.name)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    parts.push(`${LEVEL_NAME[l.level]} (${what})`);
  }
  if (roles.sub) parts.push(`Unterprodukt ${h(roles.sub.code ?? roles.sub.name)} (in die Produkte summiert)`);
  parts.push(lineText);
  const unused = roles.unused.filter((c) => (header[c] ?? '') !== '');
  return `Spalten erkannt: ${parts.join('; ')}${unused.length > 0 ? `; nicht verwendet: ${unused.map((c) => `„${header[c]!}“`).join(', ')}` : ''}`;
}

/** Notes how the columns were read: their roles, other amount columns not read, Unterprodukte. */
export function noteRecognition(
  note: Note,
  header: readonly string[],
  roles: ColumnRoles,
  mode: LineMode | 'sums',
): void {
  const lineText =
    mode === 'sums'
      ? 'keine Planzeilen: nur Erträge und Aufwendungen (Zeilenschema „nur Summen“)'
      : mode === 'account'
        ? `Planzeile über das Konto „${header[roles.line!.column]!}“`
        : mode === 'label'
          ? `Planzeile über die Bezeichnung „${header[roles.line!.column]!}“`
          : `Planzeile über die Nummer „${header[roles.line!.column]!}“`;
  note('info', 'long-columns', describeRoles(header, roles, lineText));
  if (roles.otherAmounts.length > 0)
    note(
      'warning',
      'unused-amounts',
      `Die Spalte${roles.otherAmounts.length > 1 ? 'n' : ''} ${roles.otherAmounts.map((c) => `„${header[c]!}“`).join(', ')} ${roles.otherAmounts.length > 1 ? 'enthalten' : 'enthält'} ebenfalls Beträge, gelesen wird nur „${header[roles.amount]!}“ (eine Spalte Beträge je Zeile; ein Profil kann die Spalte wählen: "columns": {"amount": …})`,
    );
  if (roles.sub)
    note(
      'info',
      'sub-products',
      'Unterprodukte sind im Haushaltsmodell keine eigene Ebene: ihre Beträge stehen in ihren Produkten',
    );
}
