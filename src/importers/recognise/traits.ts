/**
 * The layout traits an import recognised, for the import report: the shape of table headers, the title of the
 * label column, operator columns, the style of line numbers, the sign convention, the unit, wrapped labels,
 * plans continued on further pages, titles over two lines, running headers and footers. A document laid out
 * like the plan text of the reference (one header row, numbers `01`, expenses negative, euros) is plain; for
 * any other the import report names what was recognised (the file's ledger carries it, `FileLedger.layout`).
 */
import type { TableHead } from './header.js';
import type { NumberStyle } from './lead.js';

/** A plan's sign convention as recognised (`mixed`: expenses positive, some lines with their own minus). */
export type SignTrait = 'negative' | 'positive' | 'mixed';

const SIGN_TEXT: Readonly<Record<SignTrait, string>> = {
  negative: 'Aufwendungen negativ',
  positive: 'Aufwendungen positiv, Ergebnisse mit Vorzeichen',
  mixed: 'Aufwendungen positiv, einzelne Zeilen mit eigenem Vorzeichen',
};

const LEAD_TITLES = /^(?:Nr\.?|Zeile|Pos\.?)(?:\s+|$)/iu;

export class Traits {
  private readonly headerRows = new Set<number>();
  private readonly kindYear = new Set<string>();
  private readonly units = new Set<string>();
  private readonly labelTitles = new Set<string>();
  private readonly operators = new Set<string>();
  private readonly numbers = new Set<NumberStyle | 'keine'>();
  private readonly signs = new Set<SignTrait>();
  private thousands = false;
  private labelLines = 1;
  private continuedColumns = false;
  private titlePairs = false;
  private readonly furniture = new Set<string>();
  private brackets = false;
  private trailingMinus = false;

  /** A table header as read. */
  header(head: TableHead): void {
    this.headerRows.add(head.rows);
    this.kindYear.add(head.kindYear);
    if (head.unitText !== undefined) this.units.add(head.unitText);
    if (head.scales.some((s) => s === 1000)) this.thousands = true;
    const titles = head.lead.map((t) => t.replace(LEAD_TITLES, '').trim()).filter((t) => t !== '');
    this.labelTitles.add(titles.length > 0 ? titles.join(' ') : head.lead.length > 0 ? '' : 'keiner');
  }

  operator(op: string): void {
    this.operators.add(op);
  }

  number(style: NumberStyle | undefined): void {
    this.numbers.add(style ?? 'keine');
  }

  sign(trait: SignTrait): void {
    this.signs.add(trait);
  }

  /** An amount as printed: a bracket or a trailing minus is a trait of its own. */
  amount(text: string): void {
    if (text.startsWith('(')) this.brackets = true;
    else if (text.length > 1 && text.endsWith('-') && !text.endsWith(',-')) this.trailingMinus = true;
  }

  /** A row label printed over `lines` lines. */
  wrapped(lines: number): void {
    if (lines > this.labelLines) this.labelLines = lines;
  }

  /** A plan whose further columns (the planning years) follow in a table of their own. */
  continued(): void {
    this.continuedColumns = true;
  }

  titlePair(): void {
    this.titlePairs = true;
  }

  /** Page furniture left out (a running header or footer), as printed once. */
  pageFurniture(text: string): void {
    if (this.furniture.size < 3) this.furniture.add(text);
  }

  /** True when nothing differs from the plan text of the reference document. */
  isPlain(): boolean {
    return (
      [...this.headerRows].every((n) => n <= 1) &&
      [...this.kindYear].every((k) => k === 'one-cell') &&
      this.units.size === 0 &&
      !this.thousands &&
      [...this.labelTitles].every((t) => t === '' || /^Bezeichnung$/iu.test(t)) &&
      this.operators.size === 0 &&
      [...this.numbers].every((n) => n === '01') &&
      [...this.signs].every((s) => s === 'negative') &&
      !this.brackets &&
      !this.trailingMinus &&
      !this.continuedColumns &&
      !this.titlePairs &&
      this.furniture.size === 0
    );
  }

  /** The traits in German, one phrase each. */
  describe(): string[] {
    const out: string[] = [];
    const rows = [...this.headerRows].sort();
    if (rows.length > 0) {
      const shape = [...this.kindYear].map((k) =>
        k === 'stacked' ? 'Art über Jahr' : 'Art und Jahr in einer Zelle',
      );
      out.push(
        `Tabellenkopf in ${rows.join(' und ')} Zeile${rows.length === 1 && rows[0] === 1 ? '' : 'n'} (${shape.join(', ')})`,
      );
    }
    if (this.units.size > 0) out.push(`Einheit im Kopf: ${[...this.units].map((u) => `„${u}“`).join(', ')}`);
    if (this.thousands) out.push('Beträge in Tausend Euro (T€), mit ihrer Einheit übernommen');
    const titles = [...this.labelTitles].filter((t) => t !== '');
    if (titles.length > 0)
      out.push(
        `Bezeichnungsspalte: ${titles.map((t) => (t === 'keiner' ? 'ohne Überschrift' : `„${t}“`)).join(', ')}`,
      );
    if (this.operators.size > 0) out.push(`Operatorspalte (${[...this.operators].join(', ')})`);
    if (this.numbers.size > 0)
      out.push(
        `Zeilennummern: ${[...this.numbers].map((n) => (n === 'keine' ? 'keine (Zeilen nach ihren Bezeichnungen)' : `„${n}“`)).join(', ')}`,
      );
    if (this.signs.size > 0) out.push(`Vorzeichen: ${[...this.signs].map((s) => SIGN_TEXT[s]).join('; ')}`);
    if (this.brackets) out.push('negative Beträge in Klammern');
    if (this.trailingMinus) out.push('Minus hinter dem Betrag');
    if (this.labelLines > 1) out.push(`Bezeichnungen über bis zu ${this.labelLines} Zeilen umbrochen`);
    if (this.continuedColumns) out.push('Planungsjahre in einer eigenen Tabelle fortgesetzt');
    if (this.titlePairs) out.push('Titel über zwei Zeilen');
    if (this.furniture.size > 0)
      out.push(`Kopf- und Fußzeilen ausgelassen (${[...this.furniture].map((f) => `„${f}“`).join(', ')})`);
    return out;
  }
}
