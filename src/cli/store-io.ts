/**
 * What the store's commands (`server-commands.ts`, `token-commands.ts`) share: opening the store for one
 * command, the shapes of their registration helpers, and lists as plain text columns.
 */
import type { Command } from 'commander';
import type { Store } from '../store/api.js';

/**
 * The store, loaded when a command needs it: its modules and database drivers take about half a second to
 * load, which every other command (import, check, export of a PDF) would otherwise pay at start.
 */
export async function openStoreLazily(): Promise<Store> {
  const { openStore } = await import('../store/store.js');
  return openStore({});
}

export type Configure = (cmd: Command) => Command;
export type WholeNumber = (name: string, min: number) => (value: string) => number;

/** Runs `run` on the store `DATABASE_URL` names (else the embedded file) and closes it again. */
export async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStoreLazily();
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** Rows under a head, in columns two spaces apart, each line without trailing blanks. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]): string =>
    `${r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()}\n`;
  return line(head) + rows.map(line).join('');
}
