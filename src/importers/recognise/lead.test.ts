import { describe, expect, it } from 'vitest';
import { readLead } from './lead.js';

describe('readLead: line numbers in every style', () => {
  it('reads decimal numbers as Sachsen prints them, alone or before the label, with the operator', () => {
    expect(readLead(['3.1', 'anteilige Personalaufwendungen'])).toEqual({
      line: '3.1',
      style: '1.1',
      label: 'anteilige Personalaufwendungen',
    });
    expect(readLead(['1.2 + anteilige Zuwendungen'])).toEqual({
      line: '1.2',
      style: '1.1',
      operator: '+',
      label: 'anteilige Zuwendungen',
    });
    expect(readLead(['1.10', 'x']).line).toBe('1.10');
  });

  it('keeps the other styles and reads no product code as a line', () => {
    expect(readLead(['1. Steuern und ähnliche Abgaben'])).toMatchObject({ line: '01', style: '1.' });
    expect(readLead(['2', '= anteilige ordentliche Erträge'])).toMatchObject({ line: '02', operator: '=' });
    expect(readLead(['01.01 Innere Verwaltung'])).toEqual({ label: '01.01 Innere Verwaltung' });
    expect(readLead(['1.05', 'x']).line).toBeUndefined();
    expect(readLead(['3.1', 'Personal'], false)).toEqual({ label: '3.1 Personal' });
  });
});
