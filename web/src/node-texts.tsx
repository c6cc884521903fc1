/**
 * The parts of a node besides its plans: investments, Produktbeschreibung and Kennzahlen, each as a table or
 * text in the order of the printed budget.
 */
import type {
  Block,
  Cell,
  InvestmentTable,
  KennzahlTable,
  Produktbeschreibung,
} from '../../src/core/model.js';
import { euro } from './format.js';

const KIND_LABEL: Readonly<Record<string, string>> = {
  ergebnis: 'Ergebnis',
  ansatz: 'Ansatz',
  ve: 'VE',
  planung: 'Planung',
  bisher: 'bisher bereitgestellt',
  gesamt: 'Gesamt',
};
export const columnTitle = (c: { kind: string; year: number }): string =>
  `${KIND_LABEL[c.kind] ?? c.kind} ${c.year}`;

function amountIn(cells: readonly Cell[], c: { kind: string; year: number }): string {
  return euro(cells.find((x) => x.column.kind === c.kind && x.column.year === c.year)?.amount);
}

export function Investitionen({ table, node }: { table: InvestmentTable; node: string }) {
  return (
    <section aria-labelledby="inv-h">
      <h3 id="inv-h">Investitionen</h3>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={`Investitionen ${node}`}>
        <table class="plan">
          <caption>Investitionsmaßnahmen {node} · Beträge in €</caption>
          <thead>
            <tr>
              <th scope="col">Nr.</th>
              <th scope="col">Maßnahme / Zeile</th>
              {table.columns.map((c) => (
                <th scope="col" class="num" key={`${c.kind}:${c.year}`}>
                  {columnTitle(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) =>
              r.type === 'group' ? (
                <tr key={i} class="group">
                  <th scope="colgroup" colSpan={table.columns.length + 2}>
                    {r.label}
                  </th>
                </tr>
              ) : (
                <tr key={i} class={r.type === 'measure' ? 'total' : ''}>
                  <td class="nr">{r.type === 'measure' ? r.number : r.line}</td>
                  <th scope="row" class="label">
                    {r.type === 'measure' ? r.name : r.label}
                  </th>
                  {table.columns.map((c) => (
                    <td class="num" key={`${c.kind}:${c.year}`}>
                      {amountIn(r.cells, c)}
                    </td>
                  ))}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Blocks({ blocks }: { blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((b, i) =>
        b.type === 'paragraph' ? (
          <p key={i}>{b.text}</p>
        ) : (
          <ul key={i}>
            {b.items.map((it, j) => (
              <li key={j}>
                {it.marker === '-' || it.marker === '•' ? '' : `${it.marker} `}
                {it.text}
              </li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}

export function Beschreibung({ beschreibung }: { beschreibung: Produktbeschreibung }) {
  return (
    <section aria-labelledby="pb-h">
      <h3 id="pb-h">Produktbeschreibung</h3>
      <dl class="beschreibung">
        {beschreibung.fields.map((f, i) => (
          <div key={i}>
            <dt>{f.name}</dt>
            <dd>
              <Blocks blocks={f.blocks} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function Kennzahlen({ tables }: { tables: readonly KennzahlTable[] }) {
  return (
    <section aria-labelledby="kz-h">
      <h3 id="kz-h">Kennzahlen</h3>
      {tables.map((t, ti) => (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t.title} key={ti}>
          <table class="plan">
            <caption>{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">Kennzahl</th>
                <th scope="col">Einheit</th>
                {t.columns.map((c) => (
                  <th scope="col" class="num" key={`${c.kind}:${c.year}`}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r, ri) => (
                <tr key={ri}>
                  <th scope="row" class="label">
                    {r.label}
                    {r.footnote ? <sup>{r.footnote}</sup> : null}
                  </th>
                  <td>{r.unit ?? ''}</td>
                  {t.columns.map((c) => (
                    <td class="num" key={`${c.kind}:${c.year}`}>
                      {r.values.find((v) => v.column.kind === c.kind && v.column.year === c.year)?.printed ??
                        ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {t.footnotes.map((f, fi) => (
            <div class="footnote" key={fi}>
              <sup>{f.marker}</sup> <Blocks blocks={f.blocks} />
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
