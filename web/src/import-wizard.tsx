/**
 * The import wizard (`#s=import`), the Kämmerei's way to bring a budget in without curl: (1) choose one or
 * several files — plan text, PDF, CSV/XLSX tables, long-format open data, account exports with their import
 * profile and account mapping; (2) the preview of what was recognised, nothing stored yet
 * (`POST /api/imports/preview`, `import-report.tsx`); (3) choose the budget (new or existing) and the stage
 * and confirm: the same files are imported (`POST /api/budgets`, `…/:id/versions`) and the report shows the
 * version made. Upload progress from the browser, then the time the server has been reading. Refusals show the
 * server's German message, which names file, page and line. Only the Kämmerei gets the form; the server decides
 * all the same.
 */
import { useEffect, useState } from 'preact/hooks';
import { IMPORT_STAGES, STAGE_LABEL, type ImportStage } from '../../src/core/workflow.js';
import type { ImportPreview, Imported, Session } from './api.js';
import { ImportReport } from './import-report.js';
import { previewImport, storeImport, type Progress, type UploadFiles } from './upload.js';
import type { ListedVersion } from './version-area.js';
import './start-page.css';

type Step = 'dateien' | 'vorschau' | 'ziel' | 'fertig';
const STEPS: readonly { step: Step; label: string }[] = [
  { step: 'dateien', label: '1 Dateien' },
  { step: 'vorschau', label: '2 Vorschau' },
  { step: 'ziel', label: '3 Haushalt und Stufe' },
  { step: 'fertig', label: '4 Bericht' },
];

interface Props {
  readonly session: Session | null | undefined;
  readonly versions: readonly ListedVersion[] | null;
  /** The import made a version: the app reloads its list and shows it. */
  readonly onImported: (v: Imported) => void;
  readonly onOpen: (version: number) => void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function Busy({ progress, since }: { progress: Progress; since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const seconds = Math.round((now - since) / 1000);
  if (progress.phase === 'upload')
    return (
      <p role="status" class="busy">
        <label>
          Hochladen … <progress max={progress.total || 1} value={progress.sent} />{' '}
          {progress.total > 0 ? `${Math.round((100 * progress.sent) / progress.total)} %` : ''}
        </label>
      </p>
    );
  return (
    <p role="status" class="busy">
      <label>
        Der Server liest die Dateien … <progress /> {seconds} s
      </label>
    </p>
  );
}

/**
 * A file field in German whatever the browser's language: the native input (kept for the keyboard, screen
 * readers and drag and drop) hidden behind a button „Dateien auswählen“, the chosen files' names beside it.
 */
function FilePicker(props: {
  label: string;
  name: string;
  accept?: string;
  multiple?: boolean;
  required?: boolean;
  onChoose: (files: File[]) => void;
}) {
  const [names, setNames] = useState<string[]>([]);
  return (
    <div class="field file-field">
      <span class="file-label">{props.label}</span>
      <label class="file-button">
        {props.multiple ? 'Dateien auswählen' : 'Datei auswählen'}
        <input
          type="file"
          class="sr-only"
          aria-label={props.label}
          name={props.name}
          {...(props.accept !== undefined ? { accept: props.accept } : {})}
          multiple={props.multiple === true}
          required={props.required === true}
          onChange={(e) => {
            const chosen = [...(e.currentTarget.files ?? [])];
            setNames(chosen.map((f) => f.name));
            props.onChoose(chosen);
          }}
        />
      </label>
      <span class="file-names">{names.length > 0 ? names.join(', ') : 'keine Datei gewählt'}</span>
    </div>
  );
}

/** One file beside the budget's: the import profile or the account mapping. */
function SideFile(props: {
  label: string;
  name: string;
  accept: string;
  onChoose: (f: File | undefined) => void;
}) {
  return (
    <FilePicker
      label={props.label}
      name={props.name}
      accept={props.accept}
      onChoose={(files) => props.onChoose(files[0])}
    />
  );
}

export function ImportWizard({ session, versions, onImported, onOpen }: Props) {
  const [step, setStep] = useState<Step>('dateien');
  const [files, setFiles] = useState<File[]>([]);
  const [profile, setProfile] = useState<File | undefined>(undefined);
  const [mapping, setMapping] = useState<File | undefined>(undefined);
  const [progress, setProgress] = useState<{ p: Progress; since: number } | null>(null);
  const [error, setError] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [target, setTarget] = useState<'neu' | number>('neu');
  const [name, setName] = useState('');
  const [stage, setStage] = useState<ImportStage>('entwurf');
  const [label, setLabel] = useState('');
  const [result, setResult] = useState<Imported | null>(null);

  if (session === undefined) return <p>Wird geladen …</p>;
  if (!session || session.user.role !== 'kaemmerei')
    return (
      <section class="wizard">
        <h2 class="node-title">Haushalt importieren</h2>
        <p class="error" role="alert" id="import-verweigert">
          Importieren darf nur die Kämmerei. Bitte melden Sie sich mit einem Konto der Kämmerei an.
        </p>
      </section>
    );

  const budgets = [...new Map((versions ?? []).map((v) => [v.budgetId, v.budgetName])).entries()];
  const upload = (fields: Record<string, string> = {}): UploadFiles => ({ files, profile, mapping, fields });
  const track = (p: Progress): void => setProgress((old) => ({ p, since: old?.since ?? Date.now() }));

  const runPreview = async (): Promise<void> => {
    setError('');
    setProgress({ p: { phase: 'upload', sent: 0, total: 0 }, since: Date.now() });
    try {
      const p = await previewImport(session.csrf, upload(), track);
      setPreview(p);
      setName(p.title ?? files.map((f) => f.name).join(', '));
      setStep('vorschau');
    } catch (e) {
      setError(message(e));
    } finally {
      setProgress(null);
    }
  };

  const runImport = async (): Promise<void> => {
    setError('');
    setProgress({ p: { phase: 'upload', sent: 0, total: 0 }, since: Date.now() });
    try {
      const fields: Record<string, string> = {
        stage,
        reason: `Import im Browser: ${files.map((f) => f.name).join(', ')}`,
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(target === 'neu' && name.trim() ? { name: name.trim() } : {}),
      };
      const r = await storeImport(session.csrf, target === 'neu' ? undefined : target, upload(fields), track);
      setResult(r);
      setStep('fertig');
      onImported(r);
    } catch (e) {
      setError(message(e));
    } finally {
      setProgress(null);
    }
  };

  const restart = (): void => {
    setStep('dateien');
    setFiles([]);
    setPreview(null);
    setResult(null);
    setError('');
  };

  return (
    <section class="wizard" aria-labelledby="wizard-h">
      <h2 class="node-title" id="wizard-h">
        Haushalt importieren
      </h2>
      <ol class="steps" aria-label="Schritte">
        {STEPS.map((s) => (
          <li key={s.step} aria-current={s.step === step ? 'step' : undefined}>
            {s.label}
          </li>
        ))}
      </ol>
      {step === 'dateien' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void runPreview();
          }}
        >
          <p>
            Wählen Sie eine oder mehrere Dateien eines Haushalts: Haushaltsplan als PDF oder Text, Tabellen
            (CSV, XLSX) mit Planzeilen, offene Daten mit einem Betrag je Zeile, Kontenexporte. Zuerst zeigt
            die Vorschau, was erkannt wurde; gespeichert wird erst nach Ihrer Bestätigung.
          </p>
          <FilePicker label="Dateien" name="dateien" multiple required onChoose={setFiles} />
          <details>
            <summary>Kontenexport oder Tabelle mit Importprofil</summary>
            <SideFile
              label="Importprofil (JSON)"
              name="profil"
              accept=".json,application/json"
              onChoose={setProfile}
            />
            <SideFile
              label="Kontenzuordnung (CSV)"
              name="zuordnung"
              accept=".csv,text/csv"
              onChoose={setMapping}
            />
            <p class="muted small">
              Profile für bekannte Formate liegen im Projekt unter data/profiles (z. B. SAP-Kontenexporte).
            </p>
          </details>
          <div class="actions">
            <button type="submit" disabled={files.length === 0 || progress !== null}>
              Vorschau erstellen
            </button>
          </div>
        </form>
      ) : null}
      {progress ? <Busy progress={progress.p} since={progress.since} /> : null}
      {error ? (
        <p class="error" role="alert" id="import-fehler">
          {error}
        </p>
      ) : null}
      {step === 'vorschau' && preview ? (
        <>
          <p class="muted">Vorschau: noch ist nichts gespeichert.</p>
          <ImportReport preview={preview} />
          <div class="actions">
            <button type="button" onClick={() => setStep('ziel')}>
              Weiter: Haushalt und Stufe wählen
            </button>
            <button type="button" onClick={restart}>
              Andere Dateien wählen
            </button>
          </div>
        </>
      ) : null}
      {step === 'ziel' && preview ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void runImport();
          }}
        >
          <fieldset>
            <legend>In welchen Haushalt?</legend>
            <label class="field">
              <input type="radio" name="ziel" checked={target === 'neu'} onChange={() => setTarget('neu')} />{' '}
              Neuer Haushalt, Name{' '}
              <input
                type="text"
                name="name"
                value={name}
                maxLength={200}
                disabled={target !== 'neu'}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            </label>
            {budgets.map(([id, budgetName]) => (
              <label class="field" key={id}>
                <input type="radio" name="ziel" checked={target === id} onChange={() => setTarget(id)} /> Neue
                Version von „{budgetName}“
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Stufe der neuen Version</legend>
            {IMPORT_STAGES.map((s) => (
              <label class="field" key={s}>
                <input type="radio" name="stufe" checked={stage === s} onChange={() => setStage(s)} />{' '}
                {STAGE_LABEL[s]}
              </label>
            ))}
            <label class="field">
              Bezeichnung der Version (freiwillig){' '}
              <input
                type="text"
                name="bezeichnung"
                value={label}
                maxLength={200}
                onInput={(e) => setLabel(e.currentTarget.value)}
              />
            </label>
          </fieldset>
          <div class="actions">
            <button type="submit" disabled={progress !== null}>
              Importieren und speichern
            </button>
            <button type="button" onClick={() => setStep('vorschau')}>
              Zurück zur Vorschau
            </button>
          </div>
        </form>
      ) : null}
      {step === 'fertig' && result ? (
        <>
          <p class="report-ok" role="status" id="import-fertig">
            Gespeichert: Version Nr. {result.id} ({STAGE_LABEL[result.stage]}) im Haushalt Nr.{' '}
            {result.budgetId}.
          </p>
          <div class="actions">
            <button type="button" onClick={() => onOpen(result.id)}>
              Version öffnen
            </button>
            <button type="button" onClick={restart}>
              Weitere Dateien importieren
            </button>
          </div>
          {preview ? (
            <ImportReport
              preview={{ ...preview, reconciliation: result.reconciliation, layout: result.layout }}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
