/**
 * The foot of a form in the page: its action, what the action did beside it (a status, read out politely),
 * and the server's refusal below it (an alert). Feedback where the action is, not at the top of the page.
 */
export function FormFoot({
  label,
  busy,
  done,
  error,
}: {
  label: string;
  busy: boolean;
  done: string;
  error: string;
}) {
  return (
    <>
      <p>
        <button type="submit" disabled={busy}>
          {label}
        </button>
        <span class="status-near" role="status">
          {done}
        </span>
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
