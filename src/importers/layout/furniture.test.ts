import { describe, expect, it } from 'vitest';
import type { LaidPage } from './document.js';
import { pageFurniture } from './furniture.js';
import type { LaidLine } from './page.js';

const prose = (text: string, y: number): LaidLine => ({ text, box: [40, y, 100, 10] });

describe('page furniture', () => {
  it('leaves out a footer but keeps a table’s last label lines at the foot of every page', () => {
    const pages: LaidPage[] = [1, 2, 3].map((page) => ({
      page,
      lines: [
        prose('Stadt Musterstadt', 20),
        { text: 'Zeile 31\tTeilergebnis nach\t-305.991', box: [40, 700, 400, 10], cells: [] },
        prose('Abzug globaler', 711),
        prose('Minderaufwand', 722),
        prose(`- ${page} -`, 800),
      ],
    }));
    const found = pageFurniture(pages);
    expect([...found.lines].map((l) => l.text).sort()).toEqual(
      ['- 1 -', '- 2 -', '- 3 -', 'Stadt Musterstadt', 'Stadt Musterstadt', 'Stadt Musterstadt'].sort(),
    );
  });
});
