/**
 * External commands as the PDF benchmarks run them: timed with `/usr/bin/time` (seconds and peak memory), the
 * page count of a PDF, whether a tool is installed, and the arguments of `haushalt export` to tidy CSV.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

export interface Run {
  readonly seconds: number;
  /** Peak resident memory in KiB. */
  readonly kb: number;
  readonly status: number;
  readonly stderr: string;
}

/** Runs `command` once under `/usr/bin/time`. */
export function timed(command: string, args: readonly string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const [seconds, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds: seconds!, kb: kb!, status: r.status ?? -1, stderr: r.stderr };
}

/** The same, throwing when the command fails. */
export function timedOk(command: string, args: readonly string[]): Run {
  const r = timed(command, args);
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`);
  return r;
}

/** The number of pages of a PDF (poppler's `pdfinfo`). */
export function pagesOf(pdf: string): number {
  return Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
}

/** Whether a command is installed. */
export function installed(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** The arguments of `haushalt export <input> --format tidy-csv -o <output>` for `node`. */
export function exportArgs(cli: string, input: string, output: string): string[] {
  return [cli, 'export', input, '--format', 'tidy-csv', '-o', path.resolve(output)];
}
