/**
 * The Haushaltsplan's parts (`#v=1&s=haushaltsplan&p=querschnitt`), from `GET /api/versions/:v/parts`: the
 * Haushaltssatzung (the § 78 GO NRW figures derived from the plans beside the printed ones and their
 * difference, and the Satzung's text from its template), the Haushaltsquerschnitt and the VE-Übersicht
 * (`parts-tables.tsx`), the Rücklagen with the tests of § 76 and § 75 GO NRW and the Stellenplan
 * (`parts-reserves.tsx`), and the Anlagen: the Investitionsprogramm, the Verbindlichkeiten and the Zuwendungen an
 * die Fraktionen (`parts-anlagen.tsx`). Each part says whether it is importiert (from which file) or abgeleitet; every printed
 * value names where it stands; a difference the checks found is marked where it is and listed below.
 * Loaded on first use.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type PartsView } from './api.js';
import { euro } from './format.js';
import {
  FindingIndex,
  FindingList,
  Mark,
  Origin,
  PartTable,
  fundstelle,
  type PartFinding,
} from './parts-common.js';
import { FraktionenPart, ProgrammPart, VerbindlichkeitenPart } from './parts-anlagen.js';
import { RuecklagenPart, StellenplanPart } from './parts-reserves.js';
import { QuerschnittPart, VePart } from './parts-tables.js';
import { routeHash, type Route } from './route.js';
import './parts-view.css';

const PARTS = [
  { id: 'satzung', label: 'Haushaltssatzung' },
  { id: 'querschnitt', label: 'Haushaltsquerschnitt' },
  { id: 've', label: 'VE-Übersicht' },
  { id: 'ruecklagen', label: 'Rücklagen' },
  { id: 'stellenplan', label: 'Stellenplan' },
  { id: 'investitionsprogramm', label: 'Investitionsprogramm' },
  { id: 'verbindlichkeiten', label: 'Verbindlichkeiten' },
  { id: 'fraktionen', label: 'Fraktionen' },
] as const;
type PartId = (typeof PARTS)[number]['id'];

function SatzungPart({
  s,
  index,
  findings,
}: {
  s: NonNullable<PartsView['satzung']>;
  index: FindingIndex;
  findings: readonly PartFinding[];
}) {
  const printed = s.origin === 'importiert';
  return (
    <>
      <Origin origin={s.origin} source={s.source} />
      <PartTable label={`Festsetzungen der Haushaltssatzung ${s.year}`} class="satzung-figures" plan>
        <caption>
          Festsetzungen nach {s.law}, Haushaltsjahr {s.year}, in EUR
        </caption>
        <thead>
          <tr>
            <th scope="col" class="nr">
              §
            </th>
            <th scope="col">Festsetzung</th>
            <th scope="col" class="num">
              aus den Plänen
            </th>
            {printed ? (
              <th scope="col" class="num">
                gedruckt
              </th>
            ) : null}
            {printed ? (
              <th scope="col" class="num">
                Differenz
              </th>
            ) : null}
            <th scope="col">Grundlage</th>
          </tr>
        </thead>
        <tbody>
          {s.figures.map((f) => {
            const found = index.serious(f.findings);
            return (
              <tr key={f.id} id={`satzung-${f.id}`} class={found.length > 0 ? 'diff' : undefined}>
                <td class="nr">{f.paragraph}</td>
                <th scope="row" class="label">
                  {f.label}
                </th>
                <td class="num derived">{f.derived === null ? '–' : euro(f.derived)}</td>
                {printed ? (
                  <td
                    class="num printed"
                    title={f.printed?.source ? `Fundstelle: ${fundstelle(f.printed.source)}` : undefined}
                  >
                    {f.printed ? euro(f.printed.amount) : '–'}
                  </td>
                ) : null}
                {printed ? (
                  <td class="num difference">
                    {f.difference === null ? '' : euro(f.difference)}
                    <Mark found={found} />
                  </td>
                ) : null}
                <td class="basis">
                  {f.basis ?? ''}
                  {f.printed?.source ? (
                    <span class="where"> · gedruckt: {fundstelle(f.printed.source)}</span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </PartTable>
      {s.kind === 'kreis' ? (
        <p>
          Kreisumlage:{' '}
          {s.kreisumlage !== null ? `${s.kreisumlage} % der Umlagegrundlagen` : 'nicht angegeben'}
        </p>
      ) : s.hebesaetze.length > 0 ? (
        <p>Hebesätze: {s.hebesaetze.map((h) => `${h.name} ${h.satz} v. H.`).join(', ')}</p>
      ) : (
        <p class="note">Hebesätze: nicht angegeben (stehen in keinem Plan; von der Kämmerei anzugeben).</p>
      )}
      <p>
        Haushaltsausgleich:{' '}
        {s.ausgleichJahr !== null
          ? `erreicht im Jahr ${s.ausgleichJahr}`
          : 'im Haushaltsjahr oder nicht in der Planung erkennbar'}
        {s.ruecklagenBasis ? ` · Inanspruchnahme der Rücklagen ${s.ruecklagenBasis}` : ''}
      </p>
      <FindingList findings={findings} index={index} title="Befunde der Haushaltssatzung" />
      <h4>Text der Satzung</h4>
      <p class="note">
        Aus {s.template === 'eigene' ? 'der Vorlage des Haushalts' : 'der Mustervorlage'}, die Beträge
        eingesetzt; „…“ steht, wo eine Angabe fehlt.
      </p>
      <pre class="satzung-text">{s.text}</pre>
    </>
  );
}

function Missing({ what, why }: { what: string; why: string }) {
  return (
    <p class="note missing">
      {what}: nicht vorhanden. {why}
    </p>
  );
}

export function PartsPage({ version, route }: { version: number; route: Route }) {
  // the view is kept with the version it belongs to: after a switch of version the page shows
  // "Wird geladen" until the new one arrives, never the last version's parts under the new address
  const [loaded, setLoaded] = useState<{ version: number; view: PartsView } | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setError('');
    let current = true;
    api
      .parts(version)
      .then((v) => current && setLoaded({ version, view: v }))
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [version]);
  const view = loaded?.version === version ? loaded.view : null;
  const current: PartId = PARTS.some((p) => p.id === route.part) ? (route.part as PartId) : 'satzung';
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!view) return <p>Wird geladen …</p>;
  const index = new FindingIndex(view.findings);
  // each part names the findings of its rules (the server knows which rules are whose)
  const of = (id: PartId): PartFinding[] => {
    const keys = new Set(view[id]?.findingKeys ?? []);
    return view.findings.filter((f) => keys.has(f.key));
  };
  const errors = (id: PartId) =>
    of(id).filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  const part = PARTS.find((p) => p.id === current)!;
  return (
    <section class="parts-page" aria-labelledby="teile-h" data-version={version} data-part={current}>
      <h2 id="teile-h" class="node-title">
        Haushaltsplan {view.year ?? ''}
      </h2>
      <p class="note">
        Satzung, Übersichten, Stellenplan, Rücklagen und Anlagen (§ 1 KomHVO NRW), geprüft gegen die Pläne.
      </p>
      <nav aria-label="Teile des Haushaltsplans" class="tabs">
        {PARTS.map((p) => (
          <a
            key={p.id}
            href={routeHash({ ...route, page: 'haushaltsplan', part: p.id })}
            aria-current={p.id === current ? 'page' : undefined}
          >
            {p.label}
            {errors(p.id) > 0 ? <span class="count"> ({errors(p.id)})</span> : null}
          </a>
        ))}
      </nav>
      <h3 id="teil-h">{part.label}</h3>
      {current === 'satzung' ? (
        view.satzung ? (
          <SatzungPart s={view.satzung} index={index} findings={of('satzung')} />
        ) : (
          <Missing
            what="Haushaltssatzung"
            why="Ohne Haushaltsjahr lässt sie sich nicht aus den Plänen ableiten."
          />
        )
      ) : null}
      {current === 'querschnitt' ? (
        view.querschnitt ? (
          <QuerschnittPart q={view.querschnitt} index={index} findings={of('querschnitt')} />
        ) : (
          <Missing what="Haushaltsquerschnitt" why="Der Haushalt hat keine Produktbereiche mit Teilplänen." />
        )
      ) : null}
      {current === 've' ? (
        view.ve ? (
          <VePart v={view.ve} index={index} findings={of('ve')} />
        ) : (
          <Missing
            what="Übersicht der Verpflichtungsermächtigungen"
            why="Kein Teilfinanzplan hat eine Spalte der VE."
          />
        )
      ) : null}
      {current === 'ruecklagen' ? (
        view.ruecklagen ? (
          <RuecklagenPart r={view.ruecklagen} index={index} findings={of('ruecklagen')} />
        ) : (
          <Missing
            what="Entwicklung der Rücklagen"
            why="Sie braucht die Bestände der letzten Schlussbilanz, die die Pläne nicht enthalten: bitte als Tabelle importieren."
          />
        )
      ) : null}
      {current === 'stellenplan' ? (
        view.stellenplan ? (
          <StellenplanPart s={view.stellenplan} index={index} findings={of('stellenplan')} />
        ) : (
          <Missing
            what="Stellenplan"
            why="Er steht in keinem Plan: bitte als Tabelle importieren (§ 8 KomHVO NRW)."
          />
        )
      ) : null}
      {current === 'investitionsprogramm' ? (
        view.investitionsprogramm ? (
          <ProgrammPart
            part={view.investitionsprogramm}
            index={index}
            findings={of('investitionsprogramm')}
          />
        ) : (
          <Missing
            what="Investitionsprogramm"
            why="Kein Teilfinanzplan hat eine Investitionsmaßnahme, und es ist keines importiert (§ 84 GO NRW)."
          />
        )
      ) : null}
      {current === 'verbindlichkeiten' ? (
        view.verbindlichkeiten ? (
          <VerbindlichkeitenPart
            part={view.verbindlichkeiten}
            index={index}
            findings={of('verbindlichkeiten')}
          />
        ) : (
          <Missing
            what="Übersicht über den voraussichtlichen Stand der Verbindlichkeiten"
            why="Die Stände stammen aus den Bilanzen, die die Pläne nicht enthalten: bitte als Tabelle importieren."
          />
        )
      ) : null}
      {current === 'fraktionen' ? (
        view.fraktionen ? (
          <FraktionenPart part={view.fraktionen} index={index} findings={of('fraktionen')} />
        ) : (
          <Missing
            what="Zuwendungen an die Fraktionen"
            why="Sie stehen in keinem Plan: bitte als Tabelle importieren (§ 56 Abs. 3 GO NRW)."
          />
        )
      ) : null}
    </section>
  );
}
