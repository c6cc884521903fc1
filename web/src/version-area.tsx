/**
 * The version area of the header: the choice of version (budget · label, the stage only when the label does
 * not already say it) and, for the Kämmerei, the version's two settings as checkboxes: Fachbereiche may edit
 * their Produktbereiche in the Entwurf, and the version is public (readable without an account). Each change
 * asks first what it means and goes to `PATCH /api/versions/:v/options`.
 */
import { useState } from 'preact/hooks';
import { bodiesOf, stageLabelOf } from '../../src/core/bodies.js';
import { api, type Session, type VersionInfo } from './api.js';
import { ConfirmDialog } from './confirm-dialog.js';

export type ListedVersion = VersionInfo & {
  readonly budgetName: string;
  /** The running header of the budget's document ("Kreishaushalt"): with the name, it tells Kreis from Gemeinde. */
  readonly budgetTitle: string | null;
};

/** The version's stage in the words of its budget's bodies ("Beschluss des Kreistags"). */
export function stageText(v: Pick<ListedVersion, 'stage' | 'budgetName' | 'budgetTitle'>): string {
  return stageLabelOf(v.stage, bodiesOf(v.budgetTitle, v.budgetName));
}

/** "Beispielhaushalt · Entwurf der Kämmerei · Nr. 1", "Haushalt 2026 · Fassung Mai (Beschluss des Rates, abgeschlossen) · Nr. 4". */
export function versionText(v: ListedVersion): string {
  const stage = stageText(v);
  const label = v.label.trim() || stage;
  const notes = [
    label.toLocaleLowerCase('de-DE').includes(stage.toLocaleLowerCase('de-DE')) ? undefined : stage,
    v.closed ? 'abgeschlossen' : undefined,
  ].filter((x) => x !== undefined);
  return `${v.budgetName} · ${label}${notes.length > 0 ? ` (${notes.join(', ')})` : ''} · Nr. ${v.id}`;
}

/** The versions grouped by budget (the picker's groups), budgets and versions in the order given. */
function byBudget(versions: readonly ListedVersion[]): ListedVersion[][] {
  const groups = new Map<number, ListedVersion[]>();
  for (const v of versions) {
    const g = groups.get(v.budgetId);
    if (g) g.push(v);
    else groups.set(v.budgetId, [v]);
  }
  return [...groups.values()];
}

type Option = 'fachbereichEdit' | 'publicRead';

/** What a change of a setting means (the page's own dialog asks), and its button. */
const QUESTION: Readonly<Record<Option, (on: boolean) => { title: string; text: string; button: string }>> = {
  fachbereichEdit: (on) =>
    on
      ? {
          title: 'Fachbereichen das Ändern erlauben',
          text: 'Fachbereiche dürfen dann in diesem Entwurf die Beträge und Erläuterungen ihrer Produktbereiche ändern.',
          button: 'Erlauben',
        }
      : {
          title: 'Fachbereichen das Ändern sperren',
          text: 'Fachbereiche dürfen dann in diesem Entwurf nichts mehr ändern; ändern kann nur noch die Kämmerei.',
          button: 'Sperren',
        },
  publicRead: (on) =>
    on
      ? {
          title: 'Version veröffentlichen',
          text: 'Diese Version ist dann öffentlich: jeder kann sie ohne Anmeldung lesen.',
          button: 'Veröffentlichen',
        }
      : {
          title: 'Veröffentlichung zurücknehmen',
          text: 'Diese Version ist dann nicht mehr öffentlich: lesen kann sie nur, wer angemeldet ist.',
          button: 'Zurücknehmen',
        },
};
const DONE: Readonly<Record<Option, (on: boolean) => string>> = {
  fachbereichEdit: (on) =>
    on
      ? 'Fachbereiche dürfen ihre Produktbereiche in diesem Entwurf jetzt ändern.'
      : 'Fachbereiche dürfen in diesem Entwurf jetzt nichts mehr ändern.',
  publicRead: (on) =>
    on
      ? 'Die Version ist jetzt öffentlich lesbar, auch ohne Anmeldung.'
      : 'Die Version ist jetzt nur noch für angemeldete Benutzer lesbar.',
};

const BOX: Readonly<Record<Option, { name: string; label: string; title: string }>> = {
  fachbereichEdit: {
    name: 'fachbereich-edit',
    label: 'Fachbereiche dürfen ändern',
    title: 'Fachbereiche dürfen in diesem Entwurf ihre Produktbereiche ändern',
  },
  publicRead: {
    name: 'public-read',
    label: 'Öffentlich lesbar',
    title: 'Jeder darf diese Version ohne Anmeldung lesen',
  },
};

function OptionBox({
  option,
  current,
  onToggle,
}: {
  option: Option;
  current: VersionInfo;
  onToggle: (option: Option, box: HTMLInputElement) => void;
}) {
  const b = BOX[option];
  return (
    <label title={b.title}>
      <input
        type="checkbox"
        name={b.name}
        checked={current[option]}
        onChange={(e) => onToggle(option, e.currentTarget)}
      />{' '}
      {b.label}
    </label>
  );
}

interface Props {
  readonly versions: readonly ListedVersion[];
  readonly current: ListedVersion | undefined;
  readonly session: Session | null | undefined;
  readonly onChoose: (id: number) => void;
  readonly onChanged: (v: VersionInfo, message: string) => void;
}

export function VersionArea({ versions, current, session, onChoose, onChanged }: Props) {
  const [asking, setAsking] = useState<{ option: Option; on: boolean } | null>(null);
  const [done, setDone] = useState('');
  const kaemmerei = session?.user.role === 'kaemmerei' && current !== undefined;

  /** Asks in the page's own dialog what the change means; the box shows the stored setting until then. */
  const toggle = (option: Option, box: HTMLInputElement): void => {
    if (!current) return;
    const on = box.checked;
    box.checked = current[option];
    setDone('');
    setAsking({ option, on });
  };
  const question = asking ? QUESTION[asking.option](asking.on) : undefined;

  return (
    <div class="version-area">
      <label class="version">
        Version{' '}
        <select value={String(current?.id ?? '')} onChange={(e) => onChoose(Number(e.currentTarget.value))}>
          {byBudget(versions).map((group) => (
            <optgroup key={group[0]!.budgetId} label={group[0]!.budgetName}>
              {group.map((v) => (
                <option key={v.id} value={String(v.id)}>
                  {versionText(v)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {kaemmerei ? (
        <fieldset class="version-options" disabled={asking !== null}>
          <legend class="sr-only">Einstellungen der Version</legend>
          {current.stage === 'entwurf' && !current.closed ? (
            <OptionBox option="fachbereichEdit" current={current} onToggle={toggle} />
          ) : null}
          <OptionBox option="publicRead" current={current} onToggle={toggle} />
          <span class="option-done" role="status">
            {done}
          </span>
        </fieldset>
      ) : null}
      {asking && question && current ? (
        <ConfirmDialog
          title={question.title}
          confirm={question.button}
          onClose={() => setAsking(null)}
          onConfirm={async () => {
            const v = await api.versionOptions(current.id, { [asking.option]: asking.on });
            setAsking(null);
            // said beside the boxes, where the change was made
            setDone(DONE[asking.option](asking.on));
            onChanged(v, '');
          }}
        >
          <p>{question.text}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
