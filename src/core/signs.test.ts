// The sign detector's notes: a doubt is reported where it could change what the plan says, never where both
// readings make every printed total hold or every expense is printed with one sign.
import { describe, expect, it } from 'vitest';
import type { Column, PlanLine } from './model.js';
import { schemaById } from './schema.js';
import { decideSigns } from './signs.js';

const schema = schemaById('nrw-2019-teilergebnisplan')!;
const column: Column = { kind: 'ansatz', year: 2026 };

/** A Teilergebnisplan of whole euros: every line 0 but those given (euros), unreadable lines without a cell. */
function plan(euros: Readonly<Record<string, number>>, unreadable: readonly string[] = []): PlanLine[] {
  return schema.lines.map((l) =>
    unreadable.includes(l.line)
      ? { line: l.line, label: l.label, cells: [], unreadable: [column] }
      : {
          line: l.line,
          label: l.label,
          cells: [{ column, amount: (euros[l.line] ?? 0) * 100, decimals: 0 }],
        },
  );
}

describe('decideSigns', () => {
  it('notes no doubt where both readings hold every total: a euro of expenses within the rounding', () => {
    // line 11 −1 €, its total printed 0 (rounded parts), the results −1: true in either reading
    const d = decideSigns(schema, plan({ '11': -1, '18': -1, '22': -1, '26': -1, '29': -1, '31': -1 }));
    expect([d.signs, d.note]).toEqual(['negative', undefined]);
  });

  it('notes no doubt where the one telling total is unreadable and every expense has one sign', () => {
    const euros = { '04': 1000, '10': 1000, '12': -5000, '13': -2000, '18': -6000, '22': -6000 };
    const d = decideSigns(schema, plan({ ...euros, '26': -6000, '29': -6000, '31': -6000 }, ['17']));
    expect([d.signs, d.note]).toEqual(['negative', undefined]);
  });

  it('notes the doubt where the telling totals rest on an unreadable expense and expenses carry both signs', () => {
    // 13 unreadable, 17 too: no total over income and expenses can be computed, the results tell nothing
    const euros = { '04': 1000, '10': 1000, '12': -5000, '14': 2000, '18': -2000, '22': -2000 };
    const d = decideSigns(schema, plan({ ...euros, '26': -2000, '29': -2000, '31': -2000 }, ['13', '17']));
    expect(d.note).toMatch(/^Vorzeichen nicht eindeutig: .* gleich oft auf/u);
  });

  it('tells the convention by the parts of an unreadable total: the result over it still decides', () => {
    // 17 unreadable: 18 = 10 + (12 + 13) holds only with the expenses read as printed (negative)
    const euros = { '04': 1000, '10': 1000, '12': -5000, '13': 2000, '18': -2000, '22': -2000 };
    const d = decideSigns(schema, plan({ ...euros, '26': -2000, '29': -2000, '31': -2000 }, ['17']));
    expect([d.signs, d.note]).toEqual(['negative', undefined]);
    // and the same plan printed with expenses positive is read positive
    const positive = { '04': 1000, '10': 1000, '12': 5000, '13': -2000, '18': -2000, '22': -2000 };
    const p = decideSigns(schema, plan({ ...positive, '26': -2000, '29': -2000, '31': -2000 }, ['17']));
    expect([p.signs, p.note]).toEqual(['positive', undefined]);
  });

  it('decides by the totals where they tell, without a note', () => {
    const euros = { '04': 1000, '10': 1000, '12': 5000, '13': 2000, '17': 7000, '18': -6000 };
    const d = decideSigns(schema, plan({ ...euros, '22': -6000, '26': -6000, '29': -6000, '31': -6000 }));
    expect([d.signs, d.note]).toEqual(['positive', undefined]);
  });
});
