/** The login form in the header, or who is signed in with which role and the logout button. */
import { useState } from 'preact/hooks';
import { api, type Session } from './api.js';

/** The role as the header shows it: "Fachbereich (PB 43)". */
export function roleText(s: Session): string {
  const pb = s.user.produktbereiche.length > 0 ? ` (PB ${s.user.produktbereiche.join(', ')})` : '';
  return `${s.user.roleLabel}${pb}`;
}

export function Login({
  session,
  onLogin,
  onLogout,
}: {
  session: Session | null;
  onLogin: (s: Session) => void;
  onLogout: () => void;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  if (session)
    return (
      <div class="login" aria-label="Anmeldung">
        <span id="angemeldet">
          Angemeldet: <strong>{session.user.name}</strong> · Rolle: <strong>{roleText(session)}</strong>
        </span>{' '}
        <button type="button" onClick={onLogout}>
          Abmelden
        </button>
      </div>
    );
  return (
    <form
      class="login"
      aria-label="Anmeldung"
      onSubmit={(e) => {
        e.preventDefault();
        api
          .login(name, password)
          .then((s) => {
            setError('');
            setPassword('');
            onLogin(s);
          })
          .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
      }}
    >
      <label>
        Benutzer{' '}
        <input
          name="benutzer"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          autoComplete="username"
        />
      </label>{' '}
      <label>
        Passwort{' '}
        <input
          name="passwort"
          type="password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
        />
      </label>{' '}
      <button type="submit">Anmelden</button>
      {error ? (
        <span class="error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </form>
  );
}
