/**
 * Printing HTML to PDF with Debian's headless Chromium (no browser is downloaded): the flags a closed network
 * needs, Chromium's sandbox whenever the system allows it, a profile of its own per call, and a way to stop a
 * Chromium for good (its process group and the crash handlers it leaves outside that group).
 *
 * The sandbox: Chromium refuses to start with it as root, so root gets `--no-sandbox` (as in the test
 * containers); every other user gets the sandbox. When a sandboxed start fails (no user namespaces, no setuid
 * helper), the first failure is logged once as a warning and every later start goes without it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What Chromium needs here: no GPU, and no calls home on a closed network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium will not start with its sandbox as root. */
export const RUNS_AS_ROOT = process.getuid?.() === 0;

let sandboxFailed = false;

/** Whether the next start should use Chromium's sandbox. */
export function useSandbox(): boolean {
  return !RUNS_AS_ROOT && !sandboxFailed;
}

/**
 * A sandboxed start failed: warn once (on standard error, for the operator) and start without the sandbox from
 * now on. Returns false when the failure was not a sandboxed start (then there is nothing to fall back to).
 */
export function sandboxFallback(error: unknown): boolean {
  if (!useSandbox()) return false;
  // only a failure that names the sandbox (Chromium: "No usable sandbox!"; playwright adds the browser's log)
  const stderr = (error as { stderr?: unknown } | null)?.stderr;
  const text =
    `${error instanceof Error ? error.message : String(error)}\n` +
    (typeof stderr === 'string' ? stderr : Buffer.isBuffer(stderr) ? stderr.toString('utf8') : '');
  if (!/sandbox/iu.test(text)) return false;
  sandboxFailed = true;
  const why = (/^.*sandbox.*$/imu.exec(text)?.[0] ?? '').trim().slice(0, 200);
  process.stderr.write(
    `Warnung: Chromium startet hier nicht mit seiner Sandbox (${why}); Haushaltspläne werden ohne Sandbox ` +
      'gedruckt. Abhilfe: Benutzer-Namensräume erlauben (kernel.unprivileged_userns_clone=1) oder ' +
      'chrome-sandbox installieren.\n',
  );
  return true;
}

/** The flags of one start: `--no-sandbox` only as root or after a failed sandboxed start. */
export function chromiumArgs(): string[] {
  return [...(useSandbox() ? [] : ['--no-sandbox']), ...CHROMIUM_ARGS];
}

function printArgs(htmlFile: string, pdfFile: string, profileDir: string): string[] {
  return [
    '--headless',
    ...chromiumArgs(),
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfFile}`,
    htmlFile,
  ];
}

/** Prints an HTML file to PDF with Chromium's own `--print-to-pdf`; gives up (SIGKILL) after `timeoutMs`. */
export function printToPdf(htmlFile: string, pdfFile: string, profileDir: string, timeoutMs = 600_000): void {
  const print = (): void => {
    execFileSync(CHROMIUM, printArgs(htmlFile, pdfFile, profileDir), {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
  };
  try {
    print();
  } catch (e) {
    if (!sandboxFallback(e)) throw e;
    print();
  }
}

/** The same, without blocking: several documents can be printed at once. */
export async function printToPdfAsync(htmlFile: string, pdfFile: string, profileDir: string): Promise<void> {
  const print = () =>
    promisify(execFile)(CHROMIUM, printArgs(htmlFile, pdfFile, profileDir), { timeout: 1_200_000 });
  try {
    await print();
  } catch (e) {
    if (!sandboxFallback(e)) throw e;
    await print();
  }
}

/** The environment variable that marks every process of one Chromium start (`stopChromium` finds them by it). */
export const MARK_VARIABLE = 'HAUSHALT_CHROMIUM';

/** A fresh mark for one start, to put into Chromium's environment. */
export function newMark(): string {
  return randomUUID();
}

interface Proc {
  readonly pid: number;
  readonly pgid: number;
}

/** Processes whose environment carries `MARK_VARIABLE=mark` (Linux `/proc`; elsewhere none are found). */
function marked(mark: string): Proc[] {
  const needle = `\0${MARK_VARIABLE}=${mark}\0`;
  const found: Proc[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      if (!`\0${readFileSync(`/proc/${entry}/environ`, 'latin1')}`.includes(needle)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      found.push({ pid: Number(entry), pgid: Number(fields[2]) });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

function ownGroup(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return process.pid;
  }
}

/**
 * Kills everything of one Chromium start with SIGKILL: the process group of each process carrying the mark
 * (the browser leads its own group, where its zygotes and renderers live; the crash handlers, reparented to
 * init, lead groups of their own) and the marked processes themselves. Returns how many marked processes it
 * found.
 */
export function killMarked(mark: string): number {
  const procs = marked(mark);
  const own = ownGroup();
  for (const p of procs) {
    // never our own group (the server's), whatever a process reports
    const group = p.pgid > 1 && p.pgid !== own ? [-p.pgid] : [];
    for (const target of [...group, p.pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  return procs.length;
}

/**
 * Kills everything of one Chromium start and waits until none of it lives any more (SIGKILL is delivered at
 * once, but a large browser takes a moment to die): whoever frees a print slot after this knows the memory
 * is back. Kills again on every look, for a helper forked meanwhile; gives up after `timeoutMs`.
 */
export async function killMarkedAndWait(mark: string, timeoutMs = 5000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (killMarked(mark) > 0 && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
