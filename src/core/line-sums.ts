/**
 * The arithmetic of a line schema's totals on nothing but line numbers, `sum` and `flow`: which totals contain
 * a line and with which sign, and how a printed change of one line moves the printed totals of its plan. The
 * store's edit propagation (`propagate.ts`) and the web workbench's preview of an edit both use it, so it
 * imports nothing.
 */

export interface SumLine {
  readonly line: string;
  /** For a total: the lines summed; a leading `-` subtracts. */
  readonly sum?: readonly string[] | null;
  readonly flow?: 'in' | 'out' | 'net' | null;
  /** The line's own convention where it differs from its plan's (a plan mixing them, see signs.ts). */
  readonly signs?: 'negative' | 'positive' | null;
}

/** How a plan prints Aufwendungen/Auszahlungen: negative (the NKF default) or as positive amounts. */
export type Signs = 'negative' | 'positive' | undefined;

export interface MovedLine {
  readonly line: string;
  /** The printed change of this line per euro of printed change of the edited line (+1 or −1). */
  readonly factor: 1 | -1;
}

/** Sum lines that contain `line`, transitively, with the sign the line enters them with. */
export function totalsContaining(lines: readonly SumLine[], line: string): Map<string, 1 | -1> {
  const out = new Map<string, 1 | -1>();
  const visit = (current: string, sign: 1 | -1, depth: number): void => {
    if (depth > 20) return; // schemas are acyclic (schema.ts checks references); a guard all the same
    for (const sl of lines) {
      for (const term of sl.sum ?? []) {
        const negate = term.startsWith('-');
        if ((negate ? term.slice(1) : term) !== current) continue;
        const s = (negate ? -sign : sign) as 1 | -1;
        if (!out.has(sl.line)) out.set(sl.line, s);
        visit(sl.line, s, depth + 1);
      }
    }
  };
  visit(line, 1, 0);
  return out;
}

/** −1 for an outflow line printed as a positive amount (by its own convention, else its plan's), else +1. */
export function printedFactor(signs: Signs, lines: readonly SumLine[], line: string): 1 | -1 {
  const l = lines.find((x) => x.line === line);
  return (l?.signs ?? signs) === 'positive' && l?.flow === 'out' ? -1 : 1;
}

export function mul(a: 1 | -1, b: 1 | -1): 1 | -1 {
  return (a * b) as 1 | -1;
}

/**
 * The lines of one plan that a change of `line` moves: the line itself (unless `self`, the edited line) and
 * every total containing it. `canonical` is the change in the signed view (Aufwendungen negative) per printed
 * euro of the edit; factors are per printed euro of the edit, in this plan's printing.
 */
export function linesMoved(
  lines: readonly SumLine[],
  signs: Signs,
  line: string,
  canonical: 1 | -1,
  self: boolean,
): MovedLine[] {
  const out: MovedLine[] = [];
  if (!self) out.push({ line, factor: mul(canonical, printedFactor(signs, lines, line)) });
  for (const [total, sign] of totalsContaining(lines, line))
    out.push({ line: total, factor: mul(mul(canonical, sign), printedFactor(signs, lines, total)) });
  return out;
}
