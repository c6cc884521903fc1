/**
 * What the page says when the address names a version the user may not read (a shared link to a private
 * version, an Anmeldung opened by a Leser): without an account it asks to log in and, once logged in, the
 * page opens the address as it is; with an account it says plainly that the version is not available to that
 * role. Never another budget or version in its place.
 */
import type { Session } from './api.js';

interface Props {
  readonly version: number;
  readonly session: Session | null | undefined;
  /** The address of the version the user would see without the link (the newest open one). */
  readonly home: string | undefined;
}

export function Unavailable({ version, session, home }: Props) {
  return (
    <section class="unavailable" role="alert" aria-labelledby="nv-h">
      <h2 id="nv-h">Diese Seite ist nicht verfügbar</h2>
      {session ? (
        <p>
          Die Haushaltsversion Nr. {version} ist für Ihre Rolle ({session.user.roleLabel}) nicht lesbar oder
          gibt es nicht. Es wird kein anderer Haushalt an ihrer Stelle gezeigt.
        </p>
      ) : (
        <>
          <p>
            Die Haushaltsversion Nr. {version} ist nicht öffentlich. Bitte melden Sie sich an; danach wird
            diese Seite geöffnet, wenn Ihre Rolle sie lesen darf.
          </p>
          <p>
            <button
              type="button"
              onClick={() => document.querySelector<HTMLInputElement>('input[name="benutzer"]')?.focus()}
            >
              Zur Anmeldung
            </button>
          </p>
        </>
      )}
      {home ? (
        <p>
          <a href={home}>{session ? 'Zu einer Fassung, die Sie lesen dürfen' : 'Zur öffentlichen Fassung'}</a>
        </p>
      ) : null}
    </section>
  );
}
