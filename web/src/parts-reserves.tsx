/**
 * The parts the plans do not hold, as imported (`parts-view.tsx`): the development of the Rücklagen per year as
 * printed (its unit and precision kept: Münster prints Mio. € with one decimal), the test of § 76 Abs. 1 GO NRW
 * per planning year with the figures it used, the Haushaltsausgleich of § 75 Abs. 2 GO NRW; and the Stellenplan
 * (§ 8 KomHVO NRW): posts per unit or pay group, Beamte, Tarif and Gesamt per year, the change between the years,
 * sums in bold. Differences the checks found are marked in their cell and listed below.
 */
import { formatFigure, formatIn, type FigureUnit } from '../../src/core/parts/figure.js';
import { formatStellen } from '../../src/core/parts/stellenplan.js';
import type { PartsView } from './api.js';
import { euro } from './format.js';
import {
  FindingList,
  Mark,
  PartTable,
  Origin,
  fundstelle,
  type FindingIndex,
  type PartFinding,
} from './parts-common.js';

type R = NonNullable<PartsView['ruecklagen']>;
type S = NonNullable<PartsView['stellenplan']>;
type Verdict = R['hsk']['required'];

const UNIT: Readonly<Record<FigureUnit, string>> = { EUR: 'EUR', TEUR: 'T€', MioEUR: 'Mio. €', percent: '%' };
const VERDICT: Readonly<Record<Verdict, string>> = { ja: 'ja', nein: 'nein', unklar: 'unklar (Rundung)' };
const AUSGLEICH: Readonly<Record<R['ausgleich'][number]['result'], string>> = {
  ausgeglichen: 'ausgeglichen',
  fiktiv: 'fiktiv ausgeglichen (Ausgleichsrücklage)',
  nicht: 'nicht ausgeglichen',
  unklar: 'unklar (Rundung)',
};

/** The allowed rounding of an approximate figure, in the table's unit: `± 0,1`. */
function approxText(a: { value: number; tolerance: number }, unit: FigureUnit, decimals: number): string {
  return formatIn(a.value, unit, decimals, false);
}

function hskSentence(h: R['hsk']): string {
  if (h.required === 'ja')
    return h.nr1 === 'ja'
      ? 'Ein Haushaltssicherungskonzept ist aufzustellen: die allgemeine Rücklage sinkt in einem Jahr um mehr als ein Viertel (§ 76 Abs. 1 Nr. 1 GO NRW).'
      : `Ein Haushaltssicherungskonzept ist aufzustellen: die allgemeine Rücklage sinkt ${h.nr2Years ? `${h.nr2Years[0]} und ${h.nr2Years[1]}` : 'in zwei Jahren nacheinander'} jeweils um mehr als ein Zwanzigstel (§ 76 Abs. 1 Nr. 2 GO NRW).`;
  if (h.required === 'unklar')
    return 'Ob ein Haushaltssicherungskonzept aufzustellen ist, entscheidet die Rundung der gedruckten Zahlen nicht.';
  return 'Ein Haushaltssicherungskonzept nach § 76 Abs. 1 Nr. 1 oder 2 GO NRW ist nicht aufzustellen.';
}

export function RuecklagenPart({
  r,
  index,
  findings,
}: {
  r: R;
  index: FindingIndex;
  findings: readonly PartFinding[];
}) {
  const decimals =
    r.rows.flatMap((x) => x.cells).find((c) => c.figure && c.figure.unit === r.unit)?.figure?.decimals ?? 0;
  return (
    <>
      <Origin origin={r.origin} source={r.source} />
      <PartTable label="Entwicklung der Rücklagen" class="ruecklagen" plan>
        <caption>Entwicklung des Eigenkapitals, in {UNIT[r.unit]}, wie gedruckt</caption>
        <thead>
          <tr>
            <th scope="col" class="nr"></th>
            <th scope="col">Position</th>
            {r.years.map((y) => (
              <th scope="col" class="num" key={y}>
                {y}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.rows.map((row, i) => (
            <tr key={row.id} id={`ruecklagen-${row.id}`} class={row.derived ? 'derived-row' : undefined}>
              <td class="nr">{i + 1}</td>
              <th
                scope="row"
                class="label"
                title={[row.printedLabel, fundstelle(row.source)].filter(Boolean).join('\n')}
              >
                {row.label}
              </th>
              {row.cells.map((c) => {
                const found = index.serious(c.findings);
                return (
                  <td
                    key={c.year}
                    class={`num${found.length > 0 ? ' diff' : ''}`}
                    data-year={c.year}
                    title={c.figure?.source ? `Fundstelle: ${fundstelle(c.figure.source)}` : undefined}
                  >
                    {c.figure ? formatFigure(c.figure) : ''}
                    {c.figure?.unit === 'percent' && r.unit !== 'percent' ? ' %' : ''}
                    <Mark found={found} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </PartTable>
      <h4>§ 76 Abs. 1 GO NRW: Haushaltssicherungskonzept</h4>
      <p class="note">
        Geprüft je Planungsjahr{r.hsk.periodStart !== null ? ` ab ${r.hsk.periodStart}` : ''}: Verringerung
        der allgemeinen Rücklage gegenüber dem Stand am 01.01. um mehr als ein Viertel (Nr. 1) oder in zwei
        aufeinanderfolgenden Jahren um mehr als ein Zwanzigstel (Nr. 2); Beträge in {UNIT[r.unit]}.
      </p>
      <PartTable label="Prüfung nach § 76 GO NRW" class="hsk">
        <thead>
          <tr>
            <th scope="col">Jahr</th>
            <th scope="col" class="num">
              allg. Rücklage 01.01.
            </th>
            <th scope="col" class="num">
              Verringerung
            </th>
            <th scope="col" class="num">
              Anteil
            </th>
            <th scope="col">mehr als 1/20</th>
            <th scope="col">mehr als 1/4</th>
            <th scope="col" class="num">
              31.12.
            </th>
          </tr>
        </thead>
        <tbody>
          {r.hsk.years.map((y) => (
            <tr key={y.year} id={`hsk-${y.year}`}>
              <th scope="row">{y.year}</th>
              <td class="num">{formatFigure(y.start)}</td>
              <td
                class="num"
                title={
                  y.reductionFrom === 'entnahme' ? 'aus der Entnahme' : 'aus dem Bestand am 01.01. und 31.12.'
                }
              >
                {approxText(y.reduction, y.start.unit, y.start.decimals)}
              </td>
              <td class="num">{formatIn(y.share, 'percent', 1)}</td>
              <td class={y.twentieth === 'ja' ? 'verdict ja' : 'verdict'}>{VERDICT[y.twentieth]}</td>
              <td class={y.quarter === 'ja' ? 'verdict ja' : 'verdict'}>{VERDICT[y.quarter]}</td>
              <td class="num">{y.end ? formatFigure(y.end) : ''}</td>
            </tr>
          ))}
        </tbody>
      </PartTable>
      <p class={`hsk-result ${r.hsk.required}`}>{hskSentence(r.hsk)}</p>
      {r.hsk.usedUp !== null ? (
        <p class="error">
          Die allgemeine Rücklage ist {r.hsk.usedUp} aufgebraucht (§ 76 Abs. 1 Nr. 3 GO NRW zu prüfen).
        </p>
      ) : null}
      <h4>§ 75 Abs. 2 GO NRW: Haushaltsausgleich</h4>
      <PartTable label="Haushaltsausgleich nach § 75 GO NRW" class="ausgleich">
        <thead>
          <tr>
            <th scope="col">Jahr</th>
            <th scope="col" class="num">
              Jahresergebnis
            </th>
            <th scope="col" class="num">
              Ausgleichsrücklage 01.01.
            </th>
            <th scope="col">Ergebnis</th>
          </tr>
        </thead>
        <tbody>
          {r.ausgleich.map((y) => (
            <tr key={y.year} id={`ausgleich-${y.year}`}>
              <th scope="row">{y.year}</th>
              <td class="num">{formatFigure(y.jahresergebnis)}</td>
              <td class="num">{y.ausgleichsruecklage ? formatFigure(y.ausgleichsruecklage) : ''}</td>
              <td>
                {AUSGLEICH[y.result]}
                {y.uncovered !== null
                  ? `; ${formatIn(y.uncovered, y.jahresergebnis.unit, decimals)} ${UNIT[y.jahresergebnis.unit]} zu Lasten der allgemeinen Rücklage`
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </PartTable>
      <FindingList findings={findings} index={index} title="Befunde der Rücklagen" />
    </>
  );
}

const CATEGORIES = ['beamte', 'tarif', 'gesamt'] as const;
const CATEGORY_SHORT = { beamte: 'Beamte', tarif: 'Tarif', gesamt: 'Gesamt' } as const;

export function StellenplanPart({
  s,
  index,
  findings,
}: {
  s: S;
  index: FindingIndex;
  findings: readonly PartFinding[];
}) {
  const first = s.years[0];
  const last = s.years.at(-1);
  const value = (row: S['rows'][number], category: string, year: number) =>
    row.values.find((v) => v.category === category && v.year === year);
  return (
    <>
      <Origin origin={s.origin} source={s.source} />
      <p class="note">
        Stellen in Vollzeitäquivalenten; {s.changes} Zeilen ändern sich zwischen den Jahren. Summen
        (Produktbereiche, gesamt) fett.
      </p>
      <PartTable label="Stellenplan" class="stellenplan" plan>
        <caption>Stellenplan {s.years.join('/')}</caption>
        <thead>
          <tr>
            <th scope="col" class="nr">
              Code
            </th>
            <th scope="col">Bezeichnung</th>
            {s.years.flatMap((y) =>
              CATEGORIES.map((c) => (
                <th scope="col" class="num" key={`${y}-${c}`}>
                  {CATEGORY_SHORT[c]} {y}
                </th>
              )),
            )}
            {first !== undefined && last !== undefined && last !== first ? (
              <th scope="col" class="num">
                Veränderung {first}–{last}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {s.rows.map((row, i) => {
            const a = first !== undefined ? value(row, 'gesamt', first) : undefined;
            const b = last !== undefined ? value(row, 'gesamt', last) : undefined;
            const change = a && b ? b.value - a.value : null;
            const sum =
              row.role !== 'einheit' && row.role !== 'besoldungsgruppe' && row.role !== 'entgeltgruppe';
            return (
              <tr key={i} id={`stelle-${row.code ?? i}`} class={sum ? 'total' : undefined}>
                <td class="nr">{row.code ?? ''}</td>
                <th scope="row" class="label" title={fundstelle(row.source) || undefined}>
                  {row.name}
                </th>
                {s.years.flatMap((y) =>
                  CATEGORIES.map((c) => {
                    const v = value(row, c, y);
                    const found = v ? index.serious(v.findings) : [];
                    return (
                      <td key={`${y}-${c}`} class={`num${found.length > 0 ? ' diff' : ''}`}>
                        {v ? formatStellen(v.value) : ''}
                        <Mark found={found} />
                      </td>
                    );
                  }),
                )}
                {first !== undefined && last !== undefined && last !== first ? (
                  <td class={`num${change ? ' changed' : ''}`}>
                    {change === null ? '' : change > 0 ? `+${formatStellen(change)}` : formatStellen(change)}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </PartTable>
      {s.personalaufwand.length > 0 ? (
        <>
          <h4>Personalaufwendungen je Stelle</h4>
          <p class="note">
            Wo der Code einer Zeile eine Einheit mit Teilergebnisplan nennt: deren Personalaufwendungen (in
            EUR) durch ihre Stellen.
          </p>
          <PartTable label="Personalaufwendungen je Stelle" class="personalaufwand">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Bezeichnung</th>
                <th scope="col">Jahr</th>
                <th scope="col" class="num">
                  Personalaufwendungen
                </th>
                <th scope="col" class="num">
                  Stellen
                </th>
                <th scope="col" class="num">
                  je Stelle
                </th>
              </tr>
            </thead>
            <tbody>
              {s.personalaufwand.map((p) => (
                <tr key={`${p.code}-${p.year}`} id={`personalaufwand-${p.code}-${p.year}`}>
                  <td>{p.code}</td>
                  <th scope="row">{p.name}</th>
                  <td>{p.year}</td>
                  <td class="num" title={p.source ? `Fundstelle: ${fundstelle(p.source)}` : undefined}>
                    {euro(p.amount)}
                  </td>
                  <td class="num">{formatStellen(p.stellen)}</td>
                  <td class="num">{euro(Math.round(p.perPost / 100) * 100)}</td>
                </tr>
              ))}
            </tbody>
          </PartTable>
        </>
      ) : null}
      <FindingList findings={findings} index={index} title="Befunde des Stellenplans" />
    </>
  );
}
