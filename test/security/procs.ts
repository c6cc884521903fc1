/**
 * The processes a server started, read from Linux's `/proc` as an administrator would with `ps`: parent pids,
 * process groups, names and command lines. A Chromium browser is counted by its main process (`chromium`
 * without `--type=`: its zygotes, renderers and utilities carry a type); zombies do not count. Processes a
 * browser leaves outside its tree (crash handlers, reparented to init) are found by a mark in their
 * environment, which every process started by the server inherits.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly state: string;
  readonly comm: string;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return undefined; // ended meanwhile
  }
}

export function processTable(): Map<number, Proc> {
  const table = new Map<number, Proc>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (stat === undefined) continue;
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    table.set(Number(entry), {
      pid: Number(entry),
      comm: stat.slice(stat.indexOf('(') + 1, close),
      state: fields[0]!,
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
    });
  }
  return table;
}

/** Every live process below `root` (not `root` itself). */
export function descendants(table: ReadonlyMap<number, Proc>, root: number): Proc[] {
  const children = new Map<number, Proc[]>();
  for (const p of table.values()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: Proc[] = [];
  const todo = [root];
  while (todo.length > 0) {
    for (const c of children.get(todo.pop()!) ?? []) {
      out.push(c);
      todo.push(c.pid);
    }
  }
  return out.filter((p) => p.state !== 'Z');
}

export function commandLine(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? '').replace(/\0/gu, ' ');
}

/** The program a process runs (`/proc/<pid>/exe`), or undefined when it is gone or not ours to read. */
function executable(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

/**
 * A Chromium browser's main process (not one of its helpers, not a zombie). Two kinds of process look like one
 * for a moment: Debian's `/usr/bin/chromium` is a shell script named `chromium`, whose `$(…)` subshells carry
 * its name and command line before it execs the browser; and a browser forks its zygote and helpers, which
 * carry the browser's command line until they exec with `--type=`. So a process counts only when it runs
 * Chromium's own program and its parent is no Chromium (`table`: the processes it is looked up in).
 */
export function isBrowser(p: Proc, table: ReadonlyMap<number, Proc>): boolean {
  if (p.state === 'Z' || p.comm !== 'chromium') return false;
  if (table.get(p.ppid)?.comm === 'chromium') return false;
  const exe = executable(p.pid);
  if (exe === undefined || !/\/chromium$/u.test(exe)) return false;
  const cmd = commandLine(p.pid);
  return cmd !== '' && !cmd.includes('--type=');
}

/** Live processes carrying `name=value` in their environment. */
export function marked(name: string, value: string): Proc[] {
  const needle = `\0${name}=${value}\0`;
  return [...processTable().values()].filter(
    (p) => p.state !== 'Z' && `\0${read(`/proc/${p.pid}/environ`) ?? ''}`.includes(needle),
  );
}

export interface Sample {
  readonly at: number;
  /** Browser main processes below the server. */
  readonly browsers: readonly number[];
  /** Every Chromium process below the server (browsers and helpers). */
  readonly chromium: number;
  /** Their resident memory summed (shared pages counted in each), in bytes. */
  readonly rss: number;
}

/** Resident memory of a process in bytes (0 when it is gone). */
export function rssOf(pid: number): number {
  const statm = read(`/proc/${pid}/statm`);
  return statm === undefined ? 0 : Number(statm.split(' ')[1]) * 4096;
}

/** Samples the Chromium processes below `root` every `ms` until stopped. */
export function sampleChromium(root: number, ms = 100) {
  const samples: Sample[] = [];
  /** Every browser main process ever seen, with its process group. */
  const seen = new Map<number, number>();
  /** Their command lines. */
  const commands = new Map<number, string>();
  const take = (): void => {
    const table = processTable();
    const below = descendants(table, root);
    const browsers = below.filter((p) => isBrowser(p, table));
    for (const b of browsers) {
      seen.set(b.pid, b.pgid);
      if (!commands.has(b.pid)) commands.set(b.pid, commandLine(b.pid));
    }
    const chromium = below.filter((p) => p.comm === 'chromium' || p.comm.startsWith('chrome_'));
    samples.push({
      at: performance.now(),
      browsers: browsers.map((b) => b.pid),
      chromium: chromium.length,
      rss: chromium.reduce((sum, p) => sum + rssOf(p.pid), 0),
    });
  };
  take();
  const timer = setInterval(take, ms);
  return {
    samples,
    seen,
    commands,
    take,
    stop: (): void => {
      clearInterval(timer);
    },
    /** Most browsers alive at once, most Chromium processes and their memory, in the samples since `from`. */
    peak(from = 0): { browsers: number; chromium: number; rss: number } {
      const s = samples.filter((x) => x.at >= from);
      return {
        browsers: Math.max(0, ...s.map((x) => x.browsers.length)),
        chromium: Math.max(0, ...s.map((x) => x.chromium)),
        rss: Math.max(0, ...s.map((x) => x.rss)),
      };
    },
    /** Browser main processes seen at all in the samples since `from`. */
    distinct(from = 0): number {
      return new Set(samples.filter((x) => x.at >= from).flatMap((x) => x.browsers)).size;
    },
  };
}

/**
 * What is left of the server's Chromiums: live Chromium processes below it, anything in the process group of
 * a browser seen earlier (even reparented), and processes carrying the server's mark (crash handlers).
 */
export function chromiumLeft(
  root: number,
  seenGroups: Iterable<number>,
  mark: { name: string; value: string },
): Proc[] {
  const table = processTable();
  const groups = new Set(seenGroups);
  const left = new Map<number, Proc>();
  for (const p of descendants(table, root))
    if (p.comm === 'chromium' || p.comm.startsWith('chrome_')) left.set(p.pid, p);
  for (const p of table.values()) if (groups.has(p.pgid) && p.state !== 'Z') left.set(p.pid, p);
  for (const p of marked(mark.name, mark.value)) if (p.pid !== root) left.set(p.pid, p);
  return [...left.values()];
}
