/**
 * Commander in German: the help's headings and placeholders, option details (choices, defaults) in the
 * option's line, and commander's English error messages turned into German ones.
 */
import { Command, CommanderError, Help, Option } from 'commander';

const TITLES: Readonly<Record<string, string>> = {
  'Usage:': 'Aufruf:',
  'Options:': 'Optionen:',
  'Commands:': 'Befehle:',
  'Arguments:': 'Argumente:',
  'Global Options:': 'Globale Optionen:',
};

function germanPlaceholders(usage: string): string {
  return usage.replace(/\[options\]/gu, '[optionen]').replace(/\[command\]/gu, '[befehl]');
}

/** Commander's help with German headings, placeholders and option details (widths computed on the German). */
export const GERMAN_HELP: Partial<Help> = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  commandUsage(this: Help, cmd: Command): string {
    return germanPlaceholders(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd: Command): string {
    return germanPlaceholders(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionDescription(option: Option): string {
    const extra: string[] = [];
    if (option.argChoices) extra.push(`Auswahl: ${option.argChoices.join(', ')}`);
    if (option.defaultValue !== undefined && (option.required || option.optional))
      extra.push(`Vorgabe: ${option.defaultValueDescription ?? String(option.defaultValue as unknown)}`);
    return extra.length > 0 ? `${option.description} (${extra.join(', ')})` : option.description;
  },
};

/** Commander's English error messages in German. */
export function commanderMessage(e: CommanderError, commands: readonly string[]): string {
  const quoted = [...e.message.matchAll(/'([^']+)'/gu)].map((m) => m[1]!);
  const suggestion = /Did you mean (\S+?)\?/u.exec(e.message)?.[1];
  const hint = suggestion ? ` (meinten Sie ${suggestion}?)` : '';
  switch (e.code) {
    case 'commander.unknownOption':
      return `Unbekannte Option ${quoted[0] ?? ''}${hint}`;
    case 'commander.unknownCommand':
      return `Unbekannter Befehl ${quoted[0] ?? ''}${hint} (Befehle: ${commands.join(', ')})`;
    case 'commander.missingArgument':
      return `Es fehlt das Argument <${quoted[0] ?? ''}>`;
    case 'commander.missingMandatoryOptionValue':
      return `Es fehlt die Pflichtoption ${quoted[0] ?? ''}`;
    case 'commander.optionMissingArgument':
      return `Die Option ${quoted[0] ?? ''} braucht einen Wert`;
    case 'commander.invalidArgument': {
      const choices = /Allowed choices are (.*)\.$/u.exec(e.message)?.[1];
      return choices
        ? `Ungültiger Wert „${quoted[1] ?? ''}“ für ${quoted[0] ?? ''} (erlaubt: ${choices})`
        : `Ungültiger Wert „${quoted[1] ?? ''}“ für ${quoted[0] ?? ''}`;
    }
    case 'commander.excessArguments':
      return 'Zu viele Argumente';
    default:
      return e.message.replace(/^error: /u, '');
  }
}
