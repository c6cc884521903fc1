/**
 * Pages of plan text as the reference document shows them after extraction from its PDF: every section starts
 * a page with its title and the running header ("Stadthaushalt"); when running text fills a page (about 50 to
 * 60 lines), the title and header are printed again and the text goes on. As in the reference, a page may end
 * in the middle of an item list (the next lettered item sometimes lost its "- "), between "Zu Zeile NN:" and
 * its label, or in the middle of a long paragraph. Tables are never split.
 */
import type { Random } from './random.js';

/** A lettered item's body ("d) Pauschalförderung …"). */
const LETTERED = /^[a-z]{1,2}\)\s/u;

export class PageWriter {
  private readonly out: string[] = [];
  private title = '';
  private used = 0;
  private capacity = 0;
  private afterBreak = false;

  constructor(
    private readonly header: string,
    private readonly rnd: Random,
  ) {}

  /** Starts a section on a new page. */
  section(title: string): void {
    this.title = title;
    this.out.push('', title, '', this.header, '');
    this.newPage();
  }

  /** A blank line; none at the top of a page. */
  blank(): void {
    if (this.out[this.out.length - 1] === '') return;
    this.out.push('');
    this.used++;
  }

  /** One line of running text; the page ends before it when full. */
  line(text: string): void {
    if (this.used >= this.capacity) this.pageBreak();
    this.write(text);
  }

  /** A paragraph; a long one that meets the end of a page is split there, the rest goes on the next page. */
  paragraph(text: string): void {
    if (this.used >= this.capacity && text.length > 150 && this.rnd.chance(0.5)) {
      const at = splitPoint(text);
      if (at > 0) {
        this.write(text.slice(0, at));
        this.pageBreak();
        this.write(text.slice(at + 1));
        return;
      }
    }
    this.line(text);
  }

  /**
   * A list item (`- a) text`). Right after a page break, a lettered item sometimes lost its "- ", as item
   * "d)" of the reference document did.
   */
  item(body: string, marker = '- '): void {
    if (this.used >= this.capacity) this.pageBreak();
    const bare = this.afterBreak && LETTERED.test(body) && this.rnd.chance(0.5);
    this.write(bare ? body : `${marker}${body}`);
  }

  /** Lines that stay on one page (a table, an item wrapped over two lines). */
  block(lines: readonly string[]): void {
    if (this.used + lines.length > this.capacity && this.used > 6) this.pageBreak();
    for (const l of lines) this.write(l);
  }

  text(): string {
    return `${this.out.join('\n')}\n`;
  }

  private write(text: string): void {
    this.out.push(text);
    this.used++;
    if (text !== '') this.afterBreak = false;
  }

  private newPage(): void {
    this.used = 5;
    this.capacity = this.rnd.int(50, 60);
  }

  private pageBreak(): void {
    if (this.out[this.out.length - 1] !== '') this.out.push('');
    this.out.push(this.title, '', this.header, '');
    this.newPage();
    this.afterBreak = true;
  }
}

/**
 * Where a paragraph may be cut by a page end: at a space about two thirds in, after a word that ends no
 * sentence and before one that starts lower case (so nobody could take the rest for a new paragraph, an item
 * or a field). -1 if there is no such place.
 */
function splitPoint(text: string): number {
  for (let at = text.indexOf(' ', Math.floor(text.length * 0.6)); at > 0; at = text.indexOf(' ', at + 1)) {
    const before = text[at - 1]!;
    const rest = text.slice(at + 1);
    if (/[.:;!?)"“”,]/u.test(before)) continue;
    if (!/^[a-zäöüß]/u.test(rest) || /^[a-z]{1,2}\)/u.test(rest)) continue;
    if (rest.length < 20) return -1;
    return at;
  }
  return -1;
}
