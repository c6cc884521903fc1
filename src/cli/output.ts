/**
 * Where the command writes: its standard output and error (`Io`, replaceable in tests), output files (with a
 * German message when a file cannot be written) and exports (text, bytes, or a package into a directory).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExportOutput } from '../exporters/index.js';
import { InputError, UsageError } from './errors.js';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Writes an output file; a German message when that is not possible. */
export async function writeOutput(file: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'das Verzeichnis gibt es nicht'
        : code === 'EISDIR'
          ? 'das ist ein Verzeichnis'
          : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? 'keine Schreibberechtigung'
            : (code ?? 'unbekannter Grund');
    throw new InputError(`${file}: Datei kann nicht geschrieben werden (${why})`);
  }
}

export async function output(text: string, file: string | undefined, io: Io): Promise<void> {
  if (file === undefined) io.out(text);
  else await writeOutput(file, text);
}

/** Writes an export: text to the file or standard output, bytes to a file, a package into a directory. */
export async function writeExport(result: ExportOutput, format: string, target: string | undefined, io: Io) {
  if (result.type === 'text') return output(result.text, target, io);
  if (target === undefined)
    throw new UsageError(
      `--format ${format} braucht -o <${result.type === 'bytes' ? 'datei' : 'verzeichnis'}>`,
    );
  if (result.type === 'bytes') return writeOutput(target, result.bytes);
  await mkdir(target, { recursive: true }).catch(() => {
    throw new InputError(`${target}: Verzeichnis kann nicht angelegt werden`);
  });
  for (const [name, text] of result.files) await writeOutput(path.join(target, name), text);
}
