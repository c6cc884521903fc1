/**
 * The legal tests on the development of the Rücklagen, reported per year with the figures used
 * (src/core/parts/haushaltsausgleich.ts):
 *
 * - `hsk-76`: § 76 Abs. 1 GO NRW — a Haushaltssicherungskonzept is required when the allgemeine Rücklage is
 *   reduced by more than a quarter within one year (Nr. 1), or in two consecutive years of the planning period
 *   by more than a twentieth each (Nr. 2). One `info` finding per year with its reduction, share and
 *   thresholds, and the result: a `warning` when a concept is required or rounding cannot decide, else `info`.
 * - `haushaltsausgleich-75`: § 75 Abs. 2 GO NRW — per year: ausgeglichen (Jahresergebnis ≥ 0), fiktiv
 *   ausgeglichen (the Ausgleichsrücklage covers the deficit), or not (`warning`, with the part it cannot cover).
 */
import { NO_NODE, inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget } from '../../model.js';
import { formatScaled } from '../../money.js';
import { formatFigureWithUnit, formatIn } from '../../parts/figure.js';
import { ausgleichTest, hskTest, planningStart, type Verdict } from '../../parts/haushaltsausgleich.js';
import { kindOfYear } from './ruecklagen.js';

const HSK = 'hsk-76';
const AUSGLEICH = 'haushaltsausgleich-75';

const VERDICT: Readonly<Record<Verdict, string>> = {
  ja: 'ja',
  nein: 'nein',
  unklar: 'durch Rundung nicht entscheidbar',
};

/** A share in hundredths of a percent, printed with one decimal: `5,7 %`. */
export function formatShare(hundredths: number): string {
  return `${formatScaled(Math.round(hundredths / 10), 1)} %`;
}

function hsk(budget: Budget, scope?: Scope): Finding[] {
  const r = budget.parts?.ruecklagen;
  if (!r || !inScope(scope, NO_NODE)) return [];
  const result = hskTest(r, planningStart(budget));
  if (result.years.length === 0) return [];
  const unit = r.unit;
  const out: Finding[] = result.years.map((y) => ({
    severity: 'info',
    rule: HSK,
    message:
      `§ 76 Abs. 1 GO NRW, ${y.year}: allgemeine Rücklage am 01.01. ${formatFigureWithUnit(y.start)}, ` +
      `Verringerung ${formatIn(Math.round(y.reduction.value), unit, y.start.decimals)}` +
      `${y.reductionFrom === 'entnahme' ? ' (Entnahme)' : ' (Bestand 01.01. − 31.12.)'} = ${formatShare(y.share)}; ` +
      `mehr als ein Zwanzigstel (${formatIn(Math.round(y.start.amount / 20), unit, y.start.decimals + 1)}): ${VERDICT[y.twentieth]}; ` +
      `mehr als ein Viertel (${formatIn(Math.round(y.start.amount / 4), unit, y.start.decimals + 1)}): ${VERDICT[y.quarter]}`,
    line: 'allgemeineAnfang',
    kind: kindOfYear(budget, y.year),
    year: y.year,
    ...(y.start.source ? { source: y.start.source } : {}),
  }));
  const first = result.years[0]!.year;
  const last = result.years.at(-1)!.year;
  const period = result.periodKnown
    ? `Planungszeitraum ${first}–${last}`
    : `alle Jahre der Tabelle ${first}–${last} (Haushaltsjahr unbekannt)`;
  const reasons = [
    `Nr. 1 (mehr als ein Viertel in einem Jahr): ${VERDICT[result.nr1]}`,
    `Nr. 2 (mehr als ein Zwanzigstel in zwei aufeinanderfolgenden Jahren): ${VERDICT[result.nr2]}${result.nr2Years ? ` (${result.nr2Years.join(' und ')})` : ''}`,
  ];
  const verdict =
    result.required === 'ja'
      ? 'ein Haushaltssicherungskonzept ist aufzustellen'
      : result.required === 'nein'
        ? 'kein Haushaltssicherungskonzept nach Nr. 1 oder 2 erforderlich'
        : 'ob ein Haushaltssicherungskonzept aufzustellen ist, entscheidet die Rundung der gedruckten Zahlen nicht';
  out.push({
    severity: result.required === 'nein' ? 'info' : 'warning',
    rule: HSK,
    message:
      `§ 76 Abs. 1 GO NRW, ${period}: ${verdict}; ${reasons.join('; ')}` +
      (result.usedUp !== undefined
        ? `; die allgemeine Rücklage ist ${result.usedUp} aufgebraucht (Nr. 3 prüfen)`
        : ''),
    line: 'allgemeineAnfang',
    ...(r.source ? { source: r.source } : {}),
  });
  return out;
}

function ausgleich(budget: Budget, scope?: Scope): Finding[] {
  const r = budget.parts?.ruecklagen;
  if (!r || !inScope(scope, NO_NODE)) return [];
  return ausgleichTest(r, planningStart(budget)).map((y) => {
    const je = formatFigureWithUnit(y.jahresergebnis);
    const ar = y.ausgleichsruecklage ? formatFigureWithUnit(y.ausgleichsruecklage) : 'nicht angegeben';
    const text =
      y.result === 'ausgeglichen'
        ? 'ausgeglichen (die Erträge erreichen die Aufwendungen)'
        : y.result === 'fiktiv'
          ? 'fiktiv ausgeglichen: der Fehlbedarf ist durch die Ausgleichsrücklage gedeckt'
          : y.result === 'nicht'
            ? `nicht ausgeglichen: ${formatIn(Math.round(y.uncovered!), y.jahresergebnis.unit, y.jahresergebnis.decimals)} deckt die Ausgleichsrücklage nicht (Verringerung der allgemeinen Rücklage, § 75 Abs. 4 GO NRW)`
            : 'durch die Rundung der gedruckten Zahlen nicht entscheidbar';
    return {
      severity: y.result === 'nicht' || y.result === 'unklar' ? 'warning' : 'info',
      rule: AUSGLEICH,
      message: `§ 75 Abs. 2 GO NRW, ${y.year}: Jahresergebnis ${je}, Ausgleichsrücklage am 01.01. ${ar}: ${text}`,
      line: 'jahresergebnis',
      kind: kindOfYear(budget, y.year),
      year: y.year,
      ...(y.jahresergebnis.source ? { source: y.jahresergebnis.source } : {}),
    } satisfies Finding;
  });
}

export const hsk76: Rule = {
  id: HSK,
  title: 'Haushaltssicherungskonzept: Verringerung der allgemeinen Rücklage (§ 76 Abs. 1 GO NRW)',
  run: hsk,
};

export const haushaltsausgleich75: Rule = {
  id: AUSGLEICH,
  title: 'Haushaltsausgleich je Jahr, auch fiktiv durch die Ausgleichsrücklage (§ 75 Abs. 2 GO NRW)',
  run: ausgleich,
};
