/**
 * The product hierarchy of a long table from its code and name columns, decided once from the distinct
 * combinations the file holds. Codes keep the form the file prints them in where that is unambiguous:
 *
 * - a full code (`0101` under `01`, `10.01` under `10`) stays as printed;
 * - a part code (`04` under `61`, Wuppertal) is joined to its parent's: `61.04`;
 * - full codes that a parent could not be found again by prefix (Köln's `101` under `1` would be read as a
 *   child of `10`) are written with a dot, for the whole level and those below: `1.01`;
 * - a level given by names only (Arnsberg) gets a stable code from the name itself (four letters and digits,
 *   the same for the same name in every file and every order of rows) below its parent's code; the name stays;
 * - `Produktbereich 01`, `PG 12` are read as `01`, `12`; product numbers a spreadsheet turned into dates
 *   (`16.01.2001` for `16.01.01`) are turned back and reported.
 *
 * A code given below names (Bonn: Produktbereich and Produktgruppe by name, the profit centre by number) keeps
 * its number and names its parent explicitly.
 */
import type { ImportNote, Level } from '../../core/model.js';
import { normalizeLabel } from '../../core/schema.js';
import type { LevelColumns, NodeLevel } from './roles.js';
import { TOTAL_LABEL, normalizeHeader } from './vocabulary.js';

/** One level of one distinct combination: the texts of its code and name cells. */
export interface LevelValue {
  readonly code: string;
  readonly name: string;
}

export interface NodeSpec {
  readonly code: string;
  readonly level: NodeLevel;
  readonly name: string;
  /** The parent's code (explicit: a code given below names does not begin with its parent's). */
  readonly parent?: string;
  readonly parentKey?: string;
  readonly key: string;
  /** Line of the file that first names the node. */
  readonly line: number;
}

export type TupleTarget = { readonly node: string } | { readonly outside: string };

export interface Hierarchy {
  readonly nodes: readonly NodeSpec[];
  /** The node a combination's amounts go to (its deepest level), or why they go nowhere. */
  readonly target: ReadonlyMap<string, TupleTarget>;
  readonly notes: readonly ImportNote[];
}

const DATE = /^(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})$/u;
const ISO_DATE = /^((?:19|20)\d{2})-(\d{2})-(\d{2})$/u;
const LEVEL_WORD = /^(?:produktbereich|produktgruppe|produkt|pb|pg|p|nr\.?|teilplan)\s*:?\s*(?=\d)/iu;

/** A date that was a product number (`16.01.2001` → `16.01.01`), or undefined. */
export function undoDate(text: string): string | undefined {
  const d = DATE.exec(text);
  if (d && Number(d[1]) >= 1 && Number(d[1]) <= 31 && Number(d[2]) >= 1 && Number(d[2]) <= 12)
    return `${d[1]!.padStart(2, '0')}.${d[2]!.padStart(2, '0')}.${d[3]!.slice(2)}`;
  const iso = ISO_DATE.exec(text);
  if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12 && Number(iso[3]) >= 1 && Number(iso[3]) <= 31)
    return `${iso[3]!}.${iso[2]!}.${iso[1]!.slice(2)}`;
  return undefined;
}

/** FNV-1a, 32 bits: a stable hash of a name (no randomness, the same on every machine). */
function fnv(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A stable code of `length` characters (letters first, then digits and letters) for a name. */
function nameCode(name: string, length: number): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let h = fnv(name, 0);
  let out = letters[h % letters.length]!;
  let salt = 1;
  while (out.length < length) {
    h = Math.floor(h / letters.length) || fnv(name, salt++);
    out += chars[h % chars.length]!;
  }
  return out;
}

const digitsOf = (code: string): string => code.replace(/\D/gu, '');

interface RawNode {
  key: string;
  parentKey?: string;
  level: NodeLevel;
  depth: number;
  printed?: string;
  digits?: string;
  name: string;
  names: Set<string>;
  line: number;
  code?: string;
}

/**
 * Builds the hierarchy. `tuples` are the distinct combinations in file order, each with its first line and its
 * values per level (in the order of `levels`).
 */
export function buildHierarchy(
  levels: readonly LevelColumns[],
  headers: readonly string[],
  tuples: readonly { readonly key: string; readonly line: number; readonly values: readonly LevelValue[] }[],
  file: string,
): Hierarchy {
  const notes: ImportNote[] = [];
  const target = new Map<string, TupleTarget>();
  const nodes = new Map<string, RawNode>();
  const order: RawNode[] = [];

  // product numbers stored as dates, per code column
  const dated = levels.map(() => ({ count: 0, example: '', line: 0, fixed: '' }));
  const datedColumn = levels.map((l, i) => {
    if (l.code === undefined) return false;
    let dates = 0;
    let others = 0;
    for (const t of tuples) {
      const c = t.values[i]!.code.trim();
      if (c === '') continue;
      if (undoDate(c) !== undefined) dates++;
      else if (/^\d{2}(?:\.\d{2})+$/u.test(c.replace(LEVEL_WORD, ''))) others++;
    }
    return (
      dates > 0 && (others > 0 || dates === tuples.filter((t) => t.values[i]!.code.trim() !== '').length)
    );
  });

  for (const t of tuples) {
    let parentKey: string | undefined;
    let leaf: RawNode | undefined;
    let total = false;
    t.values.forEach((v, i) => {
      if (total) return;
      let code = v.code.trim();
      const name = v.name.trim();
      if (code === '' && name === '') return;
      if (
        TOTAL_LABEL.test(normalizeHeader(code)) ||
        (code === '' && TOTAL_LABEL.test(normalizeHeader(name)))
      ) {
        total = true;
        return;
      }
      if (code !== '') {
        code = code.replace(LEVEL_WORD, '');
        if (datedColumn[i]) {
          const fixed = undoDate(code);
          if (fixed !== undefined) {
            const d = dated[i]!;
            if (d.count++ === 0) Object.assign(d, { example: code, line: t.line, fixed });
            code = fixed;
          }
        }
      }
      // one node whatever the style of its number (`0101`, `01.01`); other codes as they are, names folded
      const identity =
        code === ''
          ? `n:${normalizeLabel(name)}`
          : /^[\d.\-/ ]+$/u.test(code)
            ? `c:${digitsOf(code)}`
            : `t:${code}`;
      const key = parentKey === undefined ? identity : `${parentKey}/${identity}`;
      let node = nodes.get(key);
      if (!node) {
        node = {
          key,
          ...(parentKey !== undefined ? { parentKey } : {}),
          level: levels[i]!.level,
          depth: i,
          ...(code !== '' ? { printed: code, digits: digitsOf(code) } : {}),
          name,
          names: new Set(name === '' ? [] : [name]),
          line: t.line,
        };
        nodes.set(key, node);
        order.push(node);
      } else if (name !== '') {
        if (node.name === '') node.name = name;
        node.names.add(name);
      }
      parentKey = key;
      leaf = node;
    });
    if (total) target.set(t.key, { outside: 'Summenzeile der Datei („Summe“, „Gesamt“), nicht übernommen' });
    else if (!leaf)
      target.set(t.key, {
        outside: `ohne ${levels.map((l) => LEVEL_NAME[l.level]).join('/')}: keiner Einheit zuzuordnen`,
      });
    else target.set(t.key, { node: leaf.key });
  }
  dated.forEach((d, i) => {
    if (d.count === 0) return;
    const col = levels[i]!.code!;
    notes.push({
      severity: 'warning',
      rule: 'code-as-date',
      message: `${d.count} Nummern in Spalte „${headers[col] ?? ''}“ hat eine Tabellenkalkulation als Datum gespeichert (z. B. „${d.example}“); gelesen als ${d.fixed} usw.`,
      source: { file, line: d.line },
    });
  });

  assignCodes(order, nodes, levels, headers, notes, file);

  const specs: NodeSpec[] = order.map((n) => {
    const parent = n.parentKey !== undefined ? nodes.get(n.parentKey) : undefined;
    return {
      code: n.code!,
      level: n.level,
      name: n.name,
      ...(parent ? { parent: parent.code! } : {}),
      ...(n.parentKey !== undefined ? { parentKey: n.parentKey } : {}),
      key: n.key,
      line: n.line,
    };
  });
  let named = 0;
  for (const n of order) {
    if (n.names.size <= 1 || named >= 5) continue;
    named++;
    notes.push({
      severity: 'info',
      rule: 'node-names',
      message: `${LEVEL_NAME[n.level]} ${n.code!} steht mit ${n.names.size} Bezeichnungen in der Datei (${[
        ...n.names,
      ]
        .slice(0, 3)
        .map((x) => `„${x}“`)
        .join(', ')}); übernommen „${n.name}“`,
      node: n.code!,
      source: { file, line: n.line },
    });
  }
  return { nodes: specs, target, notes };
}

const LEVEL_NAME: Readonly<Record<Level, string>> = {
  haushalt: 'Haushalt',
  produktbereich: 'Produktbereich',
  produktgruppe: 'Produktgruppe',
  produkt: 'Produkt',
};

/** Codes for every node, level by level (see the module comment). */
function assignCodes(
  order: readonly RawNode[],
  nodes: ReadonlyMap<string, RawNode>,
  levels: readonly LevelColumns[],
  headers: readonly string[],
  notes: ImportNote[],
  file: string,
): void {
  const byDepth = levels.map((_, i) => order.filter((n) => n.depth === i));
  const parentOf = (n: RawNode): RawNode | undefined =>
    n.parentKey !== undefined ? nodes.get(n.parentKey) : undefined;
  let dotted = false;
  byDepth.forEach((list, depth) => {
    const withCode = list.filter((n) => n.printed !== undefined);
    // full or part codes: do this level's numbers begin with their parent's?
    const pairs = withCode.filter((n) => parentOf(n)?.digits !== undefined);
    const extending = pairs.filter((n) => {
      const p = parentOf(n)!.digits!;
      return n.digits!.length > p.length && n.digits!.startsWith(p);
    }).length;
    const full = pairs.length === 0 || extending >= 0.95 * pairs.length;
    const codeOf = (n: RawNode, useDots: boolean): string => {
      const parent = parentOf(n);
      if (n.printed === undefined) return '';
      if (!parent || parent.printed === undefined) return n.printed;
      if (!full) return `${parent.code!}.${n.printed}`;
      if (!useDots) return n.printed;
      const rest = n.digits!.startsWith(parent.digits!) ? n.digits!.slice(parent.digits!.length) : n.printed;
      return `${parent.code!}.${rest}`;
    };
    for (const n of withCode) n.code = codeOf(n, dotted);
    // prefix check: would each node's parent be found again from its code alone?
    if (!dotted && full && pairs.length > 0) {
      const higher = new Set(
        order.filter((o) => o.depth < depth && o.code !== undefined).map((o) => o.code!),
      );
      const wrong = pairs.find((n) => {
        for (let len = n.code!.length - 1; len > 0; len--) {
          const c = n.code!.slice(0, len);
          if (higher.has(c)) return c !== parentOf(n)!.code;
        }
        return false;
      });
      if (wrong) {
        dotted = true;
        for (const n of withCode) n.code = codeOf(n, true);
        const col = levels[depth]!.code;
        notes.push({
          severity: 'info',
          rule: 'node-codes',
          message: `Nummern wie „${wrong.printed!}“ in Spalte „${col !== undefined ? (headers[col] ?? '') : ''}“ gehören ohne Trennzeichen nicht eindeutig zu ihrer übergeordneten Einheit (auch ${[...higher].find((h) => wrong.printed!.startsWith(h) && h !== parentOf(wrong)!.code) ?? ''} passt); geführt mit Punkt: ${wrong.code!}`,
          source: { file, line: wrong.line },
        });
      }
    } else if (dotted) for (const n of withCode) n.code = codeOf(n, true);
    // names only: a stable code from the name below the parent's code
    const unnamed = list.filter((n) => n.printed === undefined);
    const groups = new Map<string, RawNode[]>();
    for (const n of unnamed) groups.set(n.parentKey ?? '', [...(groups.get(n.parentKey ?? '') ?? []), n]);
    for (const group of groups.values()) {
      let length = 4;
      for (;;) {
        const codes = group.map((n) => nameCode(normalizeLabel(n.name), length));
        if (new Set(codes).size === codes.length || length >= 12) {
          group.forEach((n, i) => {
            const parent = parentOf(n);
            n.code = parent ? `${parent.code!}.${codes[i]!}` : codes[i]!;
          });
          break;
        }
        length++;
      }
    }
  });
  if (order.some((n) => n.printed === undefined) && order.length > 0) {
    const example = order.find((n) => n.printed === undefined)!;
    notes.push({
      severity: 'info',
      rule: 'node-codes',
      message: `Einheiten ohne Nummer in der Datei (nur Bezeichnungen) erhalten eine feste, aus der Bezeichnung gebildete Nummer, z. B. ${example.code!} für „${example.name}“`,
      source: { file, line: example.line },
    });
  }
  // the same code for two different nodes (inconsistent numbers): the later ones get a suffix
  const seen = new Map<string, RawNode>();
  for (const n of order) {
    const other = seen.get(n.code!);
    if (other) {
      let k = 2;
      while (seen.has(`${n.code!}-${k}`)) k++;
      notes.push({
        severity: 'warning',
        rule: 'node-codes',
        message: `${LEVEL_NAME[n.level]} ${n.code!} steht in der Datei unter zwei verschiedenen übergeordneten Einheiten (zuerst Zeile ${other.line}); die zweite wird als ${n.code!}-${k} geführt`,
        source: { file, line: n.line },
      });
      n.code = `${n.code!}-${k}`;
    }
    seen.set(n.code!, n);
  }
}
