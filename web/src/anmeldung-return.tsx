/**
 * "Zur Überarbeitung zurückgeben": the Kämmerei hands a submitted Produktbereich back to its Fachbereich with a
 * comment, in the page's own dialog (`modal.tsx`); and the note both see on the Produktbereich afterwards
 * ("Zurückgegeben von … am …: …"). Rules: `handBackRefusal` in `src/core/anmeldung.ts`.
 */
import { useRef, useState } from 'preact/hooks';
import { anmeldungApi, type Anmeldung } from './api.js';
import { dateTime } from './format.js';
import { DialogButtons, DialogError, Field, ModalDialog, modalKey, useModalFocus } from './modal.js';

type Area = Anmeldung['areas'][number];

/** Who handed the Produktbereich back, when, and why; nothing when it never was. */
export function ReturnNote({ area }: { area: Area }) {
  if (area.returnedBy === null || area.returnComment === null) return null;
  return (
    <p class="anmeldung-returned" data-returned={area.produktbereich}>
      Zurückgegeben von {area.returnedBy} am {dateTime(area.returnedAt ?? '')}: „{area.returnComment}“
    </p>
  );
}

interface Props {
  readonly version: number;
  readonly area: Area;
  readonly onDone: (message: string) => void;
  readonly onClose: () => void;
}

export function HandBackDialog({ version, area, onDone, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useModalFocus(ref, 'input[name="comment"]');
  return (
    <ModalDialog
      dialogRef={ref}
      class="edit-dialog confirm-dialog"
      labelledBy="hb-h"
      describedBy="hb-d"
      onKeyDown={(e) => modalKey(e, ref.current, onClose)}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (comment.trim() === '') {
            setError('Bitte einen Kommentar angeben: der Fachbereich soll wissen, was er überarbeiten soll.');
            return;
          }
          setBusy(true);
          anmeldungApi
            .handBack(version, area.produktbereich, comment.trim())
            .then(() =>
              onDone(
                `Die Anmeldung des Produktbereichs ${area.produktbereich} ist zur Überarbeitung zurückgegeben.`,
              ),
            )
            .catch((err: unknown) => {
              setError(err instanceof Error ? err.message : String(err));
              setBusy(false);
            });
        }}
      >
        <h2 id="hb-h">Anmeldung des Produktbereichs {area.produktbereich} zur Überarbeitung zurückgeben?</h2>
        <p id="hb-d">
          Der Fachbereich kann seine offenen Anmeldungen dann wieder ändern und erneut abgeben; schon
          übernommene oder abgelehnte bleiben entschieden. Ihr Kommentar steht beim Produktbereich.
        </p>
        <Field label="Kommentar für den Fachbereich" name="comment" value={comment} onInput={setComment} />
        <DialogError error={error} />
        <DialogButtons label="Zurückgeben" busy={busy} onClose={onClose} />
      </form>
    </ModalDialog>
  );
}
