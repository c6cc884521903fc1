/**
 * A download link for an export that takes long (the budget book as PDF: minutes for a city's whole book): the
 * browser downloads it as any link, and while the server prints, the page asks `…/export/status` every second
 * and shows beside the link how far it is ("Teil 3 von 12 gedruckt, noch etwa 40 Sekunden"). The status is
 * the server's: shared prints (another reader asked for the same book) show theirs too.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import type { HttpExportFormat } from '../../src/server/contract/versions.js';

type Status = Awaited<ReturnType<typeof api.exportStatus>>;

/** German words for where an export stands; undefined when there is nothing to say. */
export function progressText(status: Status): string | undefined {
  const rest =
    status.seconds !== undefined && status.seconds > 1 ? `, noch etwa ${seconds(status.seconds)}` : '';
  switch (status.state) {
    case 'wartet':
      return status.ahead
        ? `Wartet auf ${status.ahead === 1 ? 'einen Auftrag' : `${status.ahead} Aufträge`} davor${rest} …`
        : `Wird gleich begonnen${rest} …`;
    case 'läuft':
      return status.total !== undefined && status.done !== undefined
        ? `Wird erstellt: ${Math.min(status.done, status.total)} von ${status.total} Schritten${rest} …`
        : `Wird erstellt${rest} …`;
    case 'fertig':
      return 'Fertig: der Download beginnt.';
    default:
      return undefined;
  }
}

function seconds(s: number): string {
  if (s < 90) return `${s} Sekunden`;
  return `${Math.round(s / 60)} Minuten`;
}

export function ExportLink({
  href,
  version,
  format,
  unit,
  children,
}: {
  readonly href: string;
  readonly version: number;
  readonly format: HttpExportFormat;
  readonly unit?: string;
  readonly children: string;
}) {
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const [watching, setWatching] = useState(0);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  useEffect(() => {
    if (watching === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seenWork = false;
    let polls = 0;
    const poll = (): void => {
      polls++;
      api.exportStatus(version, format, unit).then(
        (s) => {
          if (!alive.current) return;
          setStatus(s);
          if (s.state === 'wartet' || s.state === 'läuft') seenWork = true;
          // done; or never begun although asked a while ago (refused, failed or cancelled: the browser says why)
          const over = s.state === 'fertig' || (s.state === 'nicht-begonnen' && (seenWork || polls > 5));
          if (over) {
            timer = setTimeout(() => {
              if (alive.current) setStatus(undefined);
            }, 4000);
            return;
          }
          timer = setTimeout(poll, 1000);
        },
        () => {
          if (alive.current) setStatus(undefined);
        },
      );
    };
    timer = setTimeout(poll, 300);
    return () => {
      clearTimeout(timer);
    };
  }, [watching, version, format, unit]);

  const text = status ? progressText(status) : undefined;
  const running = status?.state === 'läuft' && status.total !== undefined ? status : undefined;
  return (
    <span class="export-link">
      <a
        href={href}
        download
        onClick={() => {
          setWatching((w) => w + 1);
        }}
      >
        {children}
      </a>
      {text !== undefined ? (
        <span class="export-progress" role="status">
          {running ? <progress value={running.done ?? 0} max={running.total} /> : null} {text}
        </span>
      ) : null}
    </span>
  );
}
