/**
 * `haushalt token create|list|revoke`: API tokens from the command line (as the system, for any user), e.g.
 * for a script that imports budgets at night. The secret of a new token goes alone to standard output (for
 * `TOKEN=$(haushalt token create …)`), what was made to standard error. Registered on the program by `main.ts`.
 */
import type { Command } from 'commander';
import { TOKEN_DAYS } from '../store/token-days.js';
import type { ApiTokenInfo } from '../store/api.js';
import { SYSTEM_ACTOR } from '../core/workflow.js';
import { UsageError } from './errors.js';
import type { Io } from './output.js';
import { textTable, withStore, type Configure, type WholeNumber } from './store-io.js';

export const TOKEN_COMMANDS = ['token'] as const;

const STATUS: Readonly<Record<ApiTokenInfo['status'], string>> = {
  active: 'gültig',
  expired: 'abgelaufen',
  revoked: 'widerrufen',
};

export function tokenCommands(
  program: Command,
  configure: Configure,
  io: Io,
  wholeNumber: WholeNumber,
): void {
  const token = configure(program.command('token')).description(
    'API-Tokens verwalten (create, list, revoke); ein Token gilt höchstens ein Jahr',
  );

  configure(token.command('create'))
    .description('ein API-Token für einen Benutzer erstellen; das Geheimnis wird nur dieses eine Mal gezeigt')
    .argument('<benutzer>', 'Anmeldename des Benutzers, für den das Token gilt')
    .requiredOption('--label <text>', 'wofür das Token ist (z. B. „Nächtlicher Import“)')
    .option(
      '--days <n>',
      `Gültigkeit in Tagen (${TOKEN_DAYS.min} bis ${TOKEN_DAYS.max})`,
      wholeNumber('--days', TOKEN_DAYS.min),
      TOKEN_DAYS.default,
    )
    .option('--json', 'als JSON ausgeben (mit dem Geheimnis)')
    .action(async (user: string, opts: { label: string; days: number; json?: boolean }) => {
      if (opts.days > TOKEN_DAYS.max)
        throw new UsageError(`--days höchstens ${TOKEN_DAYS.max}, nicht ${opts.days}`);
      const created = await withStore((store) =>
        store.createApiToken(SYSTEM_ACTOR, opts.label, { user, days: opts.days }),
      );
      if (opts.json) {
        io.out(`${JSON.stringify(created, null, 2)}\n`);
        return;
      }
      io.err(
        `API-Token ${created.id} für ${created.user} erstellt („${created.label}“, gültig bis ` +
          `${created.expiresAt.slice(0, 10)}). Das Geheimnis wird nur jetzt gezeigt:\n`,
      );
      io.out(`${created.token}\n`);
    });

  configure(token.command('list'))
    .description('API-Tokens zeigen (ohne ihr Geheimnis): alle oder die eines Benutzers')
    .option('--user <name>', 'nur die Tokens dieses Benutzers')
    .option('--json', 'als JSON ausgeben')
    .action(async (opts: { user?: string; json?: boolean }) => {
      const tokens = await withStore((store) =>
        store.listApiTokens(SYSTEM_ACTOR, opts.user !== undefined ? { user: opts.user } : { all: true }),
      );
      if (opts.json) {
        io.out(`${JSON.stringify({ tokens }, null, 2)}\n`);
        return;
      }
      if (tokens.length === 0) {
        io.out('Keine API-Tokens. Erstellen mit: haushalt token create <benutzer> --label <text>\n');
        return;
      }
      const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '–');
      io.out(
        textTable(
          ['Kennung', 'Benutzer', 'Bezeichnung', 'erstellt', 'gültig bis', 'zuletzt benutzt', 'Status'],
          tokens.map((t) => [
            t.id,
            t.user,
            t.label,
            day(t.createdAt),
            day(t.expiresAt),
            day(t.lastUsedAt),
            STATUS[t.status],
          ]),
        ),
      );
    });

  configure(token.command('revoke'))
    .description('ein API-Token widerrufen (es wird sofort abgewiesen)')
    .argument('<kennung>', 'die Kennung aus haushalt token list (16 Hexadezimalziffern)')
    .action(async (id: string) => {
      const revoked = await withStore((store) => store.revokeApiToken(SYSTEM_ACTOR, id));
      io.out(`API-Token ${revoked.id} von ${revoked.user} („${revoked.label}“) widerrufen.\n`);
    });
}
