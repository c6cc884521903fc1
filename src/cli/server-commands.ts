/**
 * The commands around the store and the server: `serve`, `user add|list|remove|passwd`, `backup`, `restore`,
 * `migrate`. `DATABASE_URL` selects the database (PostgreSQL for `postgres://…`, else the embedded SQLite
 * file). Registered on the program by `main.ts`; German messages, errors as exit code 2.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { TrustProxy } from '../server/server.js';
import { ROLES, ROLE_LABEL, SYSTEM_ACTOR, type Role } from '../core/workflow.js';
import { demoImport, seedFirstStart } from './seed.js';
import { InputError, UsageError } from './errors.js';
import type { Io } from './output.js';
import { openStoreLazily, textTable, withStore, type Configure, type WholeNumber } from './store-io.js';
import { formatCount } from '../core/money.js';

export const SERVER_COMMANDS = ['serve', 'user', 'backup', 'restore', 'migrate'] as const;

// src/cli (vitest) or dist/src/cli (built)
const UP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROJECT = UP.endsWith('dist') ? path.dirname(UP) : UP;
export const DEFAULT_SAMPLE = path.resolve(PROJECT, '../shared/reference/kreis-coesfeld-2026-pb43.txt');

const MIB = 1024 * 1024;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string, io: Io): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    io.err(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const done = (error?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      io.err('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer): void => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          return;
        }
        if (ch === '\u0003') {
          done(new UsageError('abgebrochen'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The password from standard input (`--password-stdin`, one line) or typed twice at the terminal. */
async function readPassword(fromStdin: boolean | undefined, io: Io): Promise<string> {
  if (fromStdin) {
    const text = (await readStdin()).replace(/\r?\n$/u, '');
    if (text === '') throw new UsageError('Auf der Standardeingabe kam kein Passwort an.');
    return text;
  }
  if (!process.stdin.isTTY)
    throw new UsageError('Kein Terminal für die Passworteingabe: bitte --password-stdin verwenden.');
  const first = await promptHidden('Passwort: ', io);
  const second = await promptHidden('Passwort wiederholen: ', io);
  if (first !== second) throw new UsageError('Die beiden Eingaben stimmen nicht überein.');
  return first;
}

/**
 * `--trust-proxy`: a hop count (`1`) or addresses and networks (IPv4, IPv6, CIDR), comma-separated. A bare
 * `true` or `*` is refused: trusting every hop lets a client write its own address into `X-Forwarded-For`.
 */
export function trustProxyOption(value: string): TrustProxy {
  const v = value.trim();
  if (/^[0-9]{1,2}$/u.test(v) && Number(v) >= 1) return Number(v);
  const parts = v.split(',').map((p) => p.trim());
  const address = /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:\/[0-9]{1,3})?$/u;
  if (v !== '' && parts.every((p) => address.test(p) || ['loopback', 'linklocal', 'uniquelocal'].includes(p)))
    return parts.join(',');
  throw new UsageError(
    `--trust-proxy „${value}“: erwartet die Adresse(n) des Proxys (z. B. 127.0.0.1 oder 10.0.0.0/8,::1) ` +
      'oder die Zahl der Proxys vor dem Server (z. B. 1); allen Absendern zu vertrauen ist nicht möglich',
  );
}

/**
 * The address the server really listens on, as a URL: `http://0.0.0.0:8080` for all IPv4 interfaces (not the
 * loopback address Fastify names first), `http://[::]:8080` for all interfaces.
 */
export function listeningOn(
  bound: ReturnType<import('node:net').Server['address']>,
  fallback: string,
): string {
  if (bound === null || typeof bound === 'string') return fallback;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  const all = bound.address === '0.0.0.0' || bound.address === '::';
  return `http://${host}:${bound.port}${all ? ' (alle Netzwerkschnittstellen)' : ''}`;
}

/** How long requests still running at shutdown may take before their connections are closed. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Closes the server: no new requests, running ones may end within `graceMs`; then every connection left is
 * closed (a browser's idle keep-alive or preconnected socket, a client that never ends its request would
 * otherwise hold the shutdown for minutes).
 */
async function closeWithin(
  app: { close(): Promise<unknown>; server: { closeAllConnections(): void } },
  graceMs: number,
): Promise<void> {
  const force = setTimeout(() => {
    app.server.closeAllConnections();
  }, graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(force);
  }
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

export function serverCommands(
  program: Command,
  configure: Configure,
  io: Io,
  wholeNumber: WholeNumber,
): void {
  const port = (value: string): number => {
    const n = wholeNumber('--port', 0)(value);
    if (n > 65535) throw new UsageError(`--port muss zwischen 0 und 65535 liegen, nicht „${value}“`);
    return n;
  };

  configure(program.command('serve'))
    .description(
      'den Server starten (Web-API); ohne Einstellungen nur auf 127.0.0.1, Daten in data/store/haushalt.sqlite ' +
        'oder in PostgreSQL (DATABASE_URL=postgres://…)',
    )
    .option('--port <n>', 'Port (sonst PORT, sonst 8080; 0: ein freier Port)', port)
    .option('--host <adresse>', 'Adresse, auf der der Server lauscht', '127.0.0.1')
    .option(
      '--sample <datei>',
      'Beispielhaushalt, der beim ersten Start in einen leeren Speicher kommt (fehlt er, ein synthetischer ' +
        'Demohaushalt)',
      DEFAULT_SAMPLE,
    )
    .option('--no-sample', 'keinen Beispielhaushalt einlesen')
    .option('--secure-cookies', 'Cookies immer mit Secure setzen (sonst nur bei https)')
    .option(
      '--trust-proxy <proxy>',
      'X-Forwarded-* nur von diesem Proxy vertrauen: seine Adresse(n) oder Netze (z. B. 127.0.0.1 oder ' +
        '10.0.0.0/8,::1) oder die Zahl der Proxys davor (z. B. 1)',
      trustProxyOption,
    )
    .option(
      '--jobs <n>',
      'so viele aufwendige Aufträge (Haushaltsplan als PDF oder HTML, Exporte, Importe) laufen gleichzeitig ' +
        '(Vorgabe: Zahl der Prozessorkerne − 1, mindestens 1)',
      wholeNumber('--jobs', 1),
    )
    .option(
      '--job-queue <n>',
      'so viele weitere Aufträge dürfen warten; darüber hinaus antwortet der Server 503 (Vorgabe: 10)',
      wholeNumber('--job-queue', 0),
    )
    .option(
      '--jobs-per-client <n>',
      'so viele Aufträge darf ein Benutzer (ohne Anmeldung: eine Adresse) zugleich haben; darüber hinaus ' +
        '429 (Vorgabe: 2)',
      wholeNumber('--jobs-per-client', 1),
    )
    .option(
      '--job-timeout <sekunden>',
      'ein Auftrag, der länger dauert, wird abgebrochen (Vorgabe: 900)',
      wholeNumber('--job-timeout', 1),
    )
    .option(
      '--export-cache <MiB>',
      'Arbeitsspeicher für fertige Exporte und Haushaltspläne; ohne Anmeldung gibt es den Haushaltsplan als ' +
        'PDF nur von hier (Vorgabe: 256)',
      wholeNumber('--export-cache', 0),
    )
    .option(
      '--import-limit <MiB>',
      'größter Upload eines Imports, alle Dateien zusammen (Vorgabe: 200)',
      wholeNumber('--import-limit', 1),
    )
    .option(
      '--import-files <n>',
      'höchstens so viele Dateien je Upload (Vorgabe: 20)',
      wholeNumber('--import-files', 1),
    )
    .option(
      '--import-memory <MiB>',
      'Arbeitsspeicher (Heap) für das Lesen eines Uploads; wer mehr braucht, wird abgewiesen (Vorgabe: 2048)',
      wholeNumber('--import-memory', 16),
    )
    .action(
      async (opts: {
        port?: number;
        host: string;
        sample: string | false;
        secureCookies?: boolean;
        trustProxy?: TrustProxy;
        jobs?: number;
        jobQueue?: number;
        jobsPerClient?: number;
        jobTimeout?: number;
        exportCache?: number;
        importLimit?: number;
        importFiles?: number;
        importMemory?: number;
      }) => {
        const envPort = process.env.PORT;
        const listenPort = opts.port ?? (envPort !== undefined && envPort !== '' ? port(envPort) : 8080);
        const store = await openStoreLazily();
        try {
          await seedFirstStart(store, opts.sample, io);
          // the server's modules are loaded when it starts, not by every command
          const { buildServer } = await import('../server/server.js');
          const app = await buildServer({
            store,
            secureCookies: opts.secureCookies ? true : 'auto',
            trustProxy: opts.trustProxy ?? false,
            logger: { level: process.env.HAUSHALT_LOG_LEVEL ?? 'warn' },
            jobs: {
              ...(opts.jobs !== undefined ? { concurrency: opts.jobs } : {}),
              ...(opts.jobQueue !== undefined ? { queue: opts.jobQueue } : {}),
              ...(opts.jobsPerClient !== undefined ? { perOwner: opts.jobsPerClient } : {}),
              ...(opts.jobTimeout !== undefined ? { timeoutMs: opts.jobTimeout * 1000 } : {}),
            },
            ...(opts.exportCache !== undefined ? { exportCacheBytes: opts.exportCache * MIB } : {}),
            ...(opts.importLimit !== undefined ? { importLimit: opts.importLimit * MIB } : {}),
            ...(opts.importFiles !== undefined ? { importFiles: opts.importFiles } : {}),
            ...(opts.importMemory !== undefined ? { importMemoryMb: opts.importMemory } : {}),
            demo: demoImport,
          });
          // listening from here on: a signal from now on stops the server in order (not the default exit)
          const stopped = untilSignal();
          let address: string;
          try {
            address = await app.listen({ port: listenPort, host: opts.host });
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            throw new InputError(
              code === 'EADDRINUSE'
                ? `Port ${listenPort} ist schon belegt (--port wählt einen anderen).`
                : `Der Server kann nicht auf ${opts.host}:${listenPort} lauschen (${code ?? String(e)}).`,
            );
          }
          io.out(
            `Haushalt läuft auf ${listeningOn(app.server.address(), address)} ` +
              `(${store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'})\n`,
          );
          if ((await store.listUsers(SYSTEM_ACTOR)).length === 0)
            io.out(
              'Noch kein Benutzer angelegt. Einen für die Kämmerei anlegen mit:\n' +
                '  haushalt user add <name> --role kaemmerei\n',
            );
          const signal = await stopped;
          io.out(`${signal}: Server wird beendet …\n`);
          await closeWithin(app, SHUTDOWN_GRACE_MS);
        } finally {
          await store.close();
        }
      },
    );

  const user = configure(program.command('user')).description(
    'Benutzer verwalten (add, list, remove, passwd)',
  );
  configure(user.command('add'))
    .description('einen Benutzer anlegen')
    .argument('<name>', 'Anmeldename')
    .addOption(new Option('--role <rolle>', 'Rolle').choices([...ROLES]).makeOptionMandatory())
    .option(
      '--produktbereich <codes...>',
      'Produktbereiche eines Fachbereichs (z. B. --produktbereich 43 44)',
    )
    .option('--password-stdin', 'das Passwort von der Standardeingabe lesen (sonst wird es abgefragt)')
    .action(
      async (name: string, opts: { role: Role; produktbereich?: string[]; passwordStdin?: boolean }) => {
        if (opts.role === 'fachbereich' && (opts.produktbereich ?? []).length === 0)
          throw new UsageError('Ein Fachbereich braucht mindestens einen --produktbereich.');
        const password = await readPassword(opts.passwordStdin, io);
        const info = await withStore((store) =>
          store.addUser(SYSTEM_ACTOR, {
            name,
            password,
            role: opts.role,
            produktbereiche: opts.produktbereich ?? [],
          }),
        );
        io.out(
          `Benutzer ${info.name} angelegt (${ROLE_LABEL[info.role]}` +
            `${info.produktbereiche.length > 0 ? `, Produktbereiche ${info.produktbereiche.join(', ')}` : ''}).\n`,
        );
      },
    );

  configure(user.command('list'))
    .description('alle Benutzer zeigen')
    .option('--json', 'als JSON ausgeben')
    .action(async (opts: { json?: boolean }) => {
      const users = await withStore((store) => store.listUsers(SYSTEM_ACTOR));
      if (opts.json) {
        io.out(`${JSON.stringify({ users }, null, 2)}\n`);
        return;
      }
      if (users.length === 0) {
        io.out('Keine Benutzer. Anlegen mit: haushalt user add <name> --role kaemmerei\n');
        return;
      }
      const rows = users.map((u) => [
        u.name,
        ROLE_LABEL[u.role],
        u.produktbereiche.join(', ') || '–',
        u.createdAt.slice(0, 10),
      ]);
      io.out(textTable(['Name', 'Rolle', 'Produktbereiche', 'angelegt'], rows));
    });

  configure(user.command('remove'))
    .description('einen Benutzer entfernen (seine Sitzungen und API-Tokens enden)')
    .argument('<name>', 'Anmeldename')
    .action(async (name: string) => {
      await withStore((store) => store.removeUser(SYSTEM_ACTOR, name));
      io.out(`Benutzer ${name} entfernt.\n`);
    });

  configure(user.command('passwd'))
    .description(
      'ein neues Passwort setzen (beendet die Sitzungen des Benutzers, widerruft seine API-Tokens)',
    )
    .argument('<name>', 'Anmeldename')
    .option('--password-stdin', 'das Passwort von der Standardeingabe lesen (sonst wird es abgefragt)')
    .action(async (name: string, opts: { passwordStdin?: boolean }) => {
      const password = await readPassword(opts.passwordStdin, io);
      await withStore((store) => store.setPassword(SYSTEM_ACTOR, name, password));
      io.out(`Passwort von ${name} geändert; Sitzungen beendet, API-Tokens widerrufen.\n`);
    });

  configure(program.command('backup'))
    .description('eine konsistente Sicherung aller Daten schreiben (auch während der Server läuft)')
    .argument('<datei>', 'Zieldatei (gzip-komprimierte JSON-Zeilen)')
    .action(async (file: string) => {
      const r = await withStore((store) => store.backup(file));
      io.out(`Sicherung geschrieben: ${file} (${r.tables} Tabellen, ${formatCount(r.rows)} Zeilen).\n`);
    });

  configure(program.command('restore'))
    .description('eine Sicherung in einen leeren Speicher einspielen (neue Datei oder leere Datenbank)')
    .argument('<datei>', 'Sicherungsdatei von haushalt backup')
    .action(async (file: string) => {
      if (!existsSync(file)) throw new InputError(`${file}: Datei nicht gefunden`);
      const r = await withStore((store) => store.restore(file));
      io.out(`Sicherung eingespielt: ${file} (${r.tables} Tabellen, ${formatCount(r.rows)} Zeilen).\n`);
    });

  configure(program.command('migrate'))
    .description('das Datenbankschema auf den neuesten Stand bringen')
    .action(async () => {
      await withStore(() => Promise.resolve());
      io.out('Das Datenbankschema ist auf dem neuesten Stand.\n');
    });
}
