/** The Kämmerei's Eckwert (Zuschussbedarf limit) of a Produktbereich in the Anmeldung (`anmeldung.tsx`). */
import { useState } from 'preact/hooks';
import { parseUserAmount } from '../../src/core/money.js';
import { anmeldungApi, type Anmeldung } from './api.js';
import { euro } from './format.js';
import { DialogError } from './modal.js';

type Area = Anmeldung['areas'][number];

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function EckwertField({
  area,
  version,
  onSaved,
}: {
  area: Area;
  version: number;
  onSaved: (t: string) => void;
}) {
  const [text, setText] = useState(area.eckwert === null ? '' : euro(area.eckwert));
  const [error, setError] = useState('');
  return (
    <form
      class="anmeldung-eckwert"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = text.trim() === '' ? null : parseUserAmount(text);
        if (parsed && !parsed.ok) {
          setError(parsed.error);
          return;
        }
        anmeldungApi
          .eckwert(version, area.produktbereich, parsed ? parsed.cents : null)
          .then(() => onSaved(`Eckwert des Produktbereichs ${area.produktbereich} gespeichert.`))
          .catch((err: unknown) => setError(message(err)));
      }}
    >
      <label>
        Eckwert (Zuschussbedarf, €)
        <input name="eckwert" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <button type="submit">Speichern</button>
      <DialogError error={error} />
    </form>
  );
}
