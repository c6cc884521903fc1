/**
 * Charts of a node (ECharts, canvas): Erträge, Aufwendungen and Ergebnis over all columns; the composition of
 * the Aufwendungen; the Zuschussbedarf of the node's children. Which lines those are comes from the line
 * schema (totals with flow in/out, the last net total), not from line numbers. Every chart has its numbers as
 * a table beside it.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ChildErgebnis, type NodeView, type PlanView } from './api.js';
import { toEuroNumber } from '../../src/core/money.js';
import { euro } from './format.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, CanvasRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

function Chart({ option, label }: { option: Option; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas', locale: 'EN' });
    chart.setOption(option);
    const resize = (): void => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div class="chart" ref={ref} role="img" aria-label={label} />;
}

const toEuro = (c: number | null | undefined): number | null =>
  c === null || c === undefined ? null : toEuroNumber(c);
const axisLabel = { formatter: (v: number) => euro(Math.round(v) * 100) };

interface Series {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

function DataTable({
  caption,
  columns,
  series,
}: {
  caption: string;
  columns: readonly string[];
  series: readonly Series[];
}) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table class="plan">
        <caption>{caption} · Beträge in €</caption>
        <thead>
          <tr>
            <th scope="col">Reihe</th>
            {columns.map((c) => (
              <th scope="col" class="num" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.name}>
              <th scope="row">{s.name}</th>
              {s.values.map((v, i) => (
                <td class="num" key={i}>
                  {euro(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The lines the charts need, found by the schema's flows: the first income and expense totals; a plan with only
 * the sums (schema "nur Summen": Erträge, Aufwendungen, Ergebnis) has no such totals, its two lines are them.
 */
export function keyLines(plan: PlanView) {
  const totals = plan.lines.filter((l) => l.total);
  const ertraege =
    totals.find((l) => l.flow === 'in') ??
    (plan.lines.filter((l) => l.flow === 'in').length === 1
      ? plan.lines.find((l) => l.flow === 'in')
      : undefined);
  const aufwendungen =
    totals.find((l) => l.flow === 'out') ??
    (plan.lines.filter((l) => l.flow === 'out').length === 1
      ? plan.lines.find((l) => l.flow === 'out')
      : undefined);
  const ergebnis = [...totals]
    .reverse()
    .find((l) => l.flow === 'net' && l.cells.some((c) => c.amount !== null));
  const parts = aufwendungen ? plan.lines.filter((l) => aufwendungen.sum?.includes(l.line)) : [];
  return { ertraege, aufwendungen, ergebnis, parts };
}

export function Charts({ view }: { view: NodeView }) {
  const plan = view.plans.find((p) => p.type === 'teilergebnisplan' || p.type === 'gesamtergebnisplan');
  const [children, setChildren] = useState<readonly ChildErgebnis[] | null>(null);
  useEffect(() => {
    if (view.children.length === 0) return;
    api
      .childrenErgebnis(view.versionId, view.code)
      .then((r) => setChildren(r.children))
      .catch(() => setChildren([]));
  }, [view.code, view.versionRevision]);
  if (!plan) return <p>Diese Einheit hat keinen Ergebnisplan.</p>;
  const { ertraege, aufwendungen, ergebnis, parts } = keyLines(plan);
  const columns = plan.columns.map((c) => c.label);
  // expenses drawn upwards as the book draws them (a plan printing them negative is turned, line by line where a
  // line has its own convention), so that Erträge and Aufwendungen compare at a glance
  const drawn = (l: (typeof plan.lines)[number]): (number | null)[] =>
    l.flow === 'out' && (l.signs ?? plan.signs) !== 'positive'
      ? l.cells.map((c) => (c.amount === null ? null : -c.amount))
      : l.cells.map((c) => c.amount);
  const development: Series[] = [ertraege, aufwendungen, ergebnis]
    .filter((l) => l !== undefined)
    .map((l) => ({ name: `${l.line} ${l.label}`, values: drawn(l) }));
  const composition: Series[] = parts
    .filter((l) => l.cells.some((c) => c.amount !== null && c.amount !== 0))
    .map((l) => ({ name: `${l.line} ${l.label}`, values: drawn(l) }));
  const budgetColumn = plan.columns.findLastIndex((c) => c.kind === 'ansatz');
  const col = plan.columns[budgetColumn];
  const zuschuss =
    children && ergebnis && col
      ? children.map((ch) => {
          const cell = ch.lines
            .find((l) => l.line === ergebnis.line)
            ?.cells.find((c) => c.column.kind === col.kind && c.column.year === col.year);
          return { name: `${ch.code} ${ch.name}`, value: cell ? -cell.amount : null };
        })
      : [];
  const grid = { left: 90, right: 20, top: 40, bottom: 40, containLabel: true };
  return (
    <section aria-labelledby="ch-h" class="charts">
      <h2 id="ch-h">Diagramme {view.code}</h2>
      <figure>
        <figcaption>Erträge, Aufwendungen und Ergebnis über alle Spalten</figcaption>
        <Chart
          label="Liniendiagramm Erträge, Aufwendungen und Ergebnis; Zahlen in der Tabelle darunter"
          option={{
            animation: false,
            legend: { top: 0 },
            grid,
            xAxis: { type: 'category', data: columns },
            yAxis: { type: 'value', axisLabel },
            series: development.map((s) => ({ type: 'line', name: s.name, data: s.values.map(toEuro) })),
          }}
        />
        <DataTable caption="Entwicklung" columns={columns} series={development} />
      </figure>
      <figure>
        <figcaption>Zusammensetzung der Aufwendungen</figcaption>
        <Chart
          label="Gestapeltes Säulendiagramm der Aufwendungen je Spalte; Zahlen in der Tabelle darunter"
          option={{
            animation: false,
            legend: { top: 0, type: 'scroll' },
            grid,
            xAxis: { type: 'category', data: columns },
            yAxis: { type: 'value', axisLabel },
            series: composition.map((s) => ({
              type: 'bar',
              stack: 'a',
              name: s.name,
              data: s.values.map(toEuro),
            })),
          }}
        />
        <DataTable caption="Aufwendungen nach Zeilen" columns={columns} series={composition} />
      </figure>
      {view.children.length > 0 && col ? (
        <figure>
          <figcaption>
            Zuschussbedarf der untergeordneten Einheiten ({col ? plan.columns[budgetColumn]!.label : ''})
          </figcaption>
          {children ? (
            <>
              <Chart
                label="Balkendiagramm Zuschussbedarf je Einheit; Zahlen in der Tabelle darunter"
                option={{
                  animation: false,
                  grid: { ...grid, left: 10 },
                  yAxis: { type: 'category', data: zuschuss.map((z) => z.name), inverse: true },
                  xAxis: { type: 'value', axisLabel },
                  series: [
                    { type: 'bar', name: 'Zuschussbedarf', data: zuschuss.map((z) => toEuro(z.value)) },
                  ],
                }}
              />
              <div class="table-scroll" tabIndex={0} role="region" aria-label="Zuschussbedarf">
                <table class="plan">
                  <caption>
                    Zuschussbedarf (negatives Ergebnis, Zeile {ergebnis?.line}) · Beträge in €
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Einheit</th>
                      <th scope="col" class="num">
                        Zuschussbedarf
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {zuschuss.map((z) => (
                      <tr key={z.name}>
                        <th scope="row">{z.name}</th>
                        <td class="num">{euro(z.value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p>Wird geladen …</p>
          )}
        </figure>
      ) : null}
    </section>
  );
}
