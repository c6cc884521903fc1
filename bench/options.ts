/** Command-line options of the benchmarks: `--name value`, repeatable where a list makes sense. */

const argv = process.argv.slice(2);

/** A positive whole number given as `--name N`, or the fallback. */
export function numberOption(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} needs a positive whole number`);
  return value;
}

/** Every value given as `--name value` (the option may repeat). */
export function stringOptions(args: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = args.indexOf(name); i >= 0; i = args.indexOf(name, i + 2)) {
    const value = args[i + 1];
    if (value === undefined) throw new Error(`${name} needs a value`);
    values.push(value);
  }
  return values;
}

/** Comma-separated positive whole numbers given as `--name 1,2,3`, or none. */
export function numberListOption(args: readonly string[], name: string): number[] {
  return stringOptions(args, name)
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '')
    .map((v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} needs positive whole numbers`);
      return n;
    });
}

/** This process's options, for the benchmarks' main modules. */
export const options = {
  number: (name: string, fallback: number): number => numberOption(argv, name, fallback),
  numbers: (name: string): number[] => numberListOption(argv, name),
  flag: (name: string): boolean => argv.includes(name),
};
