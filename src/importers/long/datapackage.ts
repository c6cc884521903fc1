/**
 * Fiscal Data Package / OpenSpending descriptors (`datapackage.json`, Frictionless Data, FDP 0.3): what a
 * descriptor beside a data file says about it. Per field: its OpenSpending type (`osType` or `columnType`:
 * `value`, `date:fiscal-year`, `direction`, `phase:id`, `value-kind:code`, `administrative-classification:
 * generic:level2:code:full`, …), its concept and its number format (`decimalChar`, `groupChar`); from the model:
 * which field is the measure (`model.measures.*.source`, with `factor`, `currency`, `direction`, `phase`) and
 * what each dimension's attributes are (`source`, `parent`, `labelfor`); for the package: title, city and fiscal
 * period. These are hints for the long-table import (`roles.ts`), which checks them against the values. Our own
 * export (`src/exporters/fdp.ts`: resources `haushalt` and `einheiten`) is recognised as such.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** What a descriptor says one field (column) is. */
export interface FieldHint {
  readonly role?: 'amount' | 'year' | 'kind' | 'direction' | 'level' | 'account';
  /** For `level`: the classification level (1 = top). */
  readonly level?: number;
  /** For `level`: a label (name) of the level, not its code. */
  readonly label?: boolean;
  /** For `level`: a code that is only the level's own part (`04` under `61`), not the full one (`61.04`). */
  readonly part?: boolean;
  readonly decimalChar?: string;
  readonly groupChar?: string;
  /** The field's declared OpenSpending type, for messages. */
  readonly osType?: string;
  /** The field whose values this field names (the model's `labelfor`): Bonn's Produktgruppe names its Prctr. */
  readonly labelFor?: string;
}

/** A data resource of a package, as far as the import uses it. */
export interface ResourceInfo {
  /** The descriptor file. */
  readonly descriptor: string;
  readonly name: string;
  /** The data file, resolved against the descriptor's folder. */
  readonly file: string;
  readonly fields: ReadonlyMap<string, FieldHint>;
  readonly delimiter?: string;
  /** The measure's `factor` (amounts in thousands: 1000), if not 1. */
  readonly factor?: number;
  readonly currency?: string;
  /** The measure's phase (`proposed`, `approved`, `adjusted`, `executed`): the kind of every amount. */
  readonly phase?: string;
  /** The measure's direction (`expenditure`, `revenue`): the direction of every amount. */
  readonly direction?: string;
}

export interface PackageInfo {
  readonly descriptor: string;
  readonly title?: string;
  readonly city?: string;
  /** Years of `fiscalPeriod` (start to end). */
  readonly fiscalYears?: readonly number[];
  readonly resources: readonly ResourceInfo[];
  /** The Land (`land`, written by Haushalt's own export): whose line schemas the plans follow. */
  readonly land?: string;
  /** Haushalt's own Fiscal Data Package (`haushalt export --format fdp`). */
  readonly ownExport: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function hintOfType(osType: string): FieldHint {
  const t = osType.toLowerCase();
  if (t === 'value' || t.startsWith('value:')) return { role: 'amount', osType };
  if (t.startsWith('date')) return { role: 'year', osType };
  if (t === 'direction' || t.startsWith('direction:')) return { role: 'direction', osType };
  if (/^(?:phase|value-kind|expenditure-type|budget-phase)\b/u.test(t)) return { role: 'kind', osType };
  const admin = /^administrative-classification:[^:]*:level(\d+):(code|label)(?::(full|part))?/u.exec(t);
  if (admin)
    return {
      role: 'level',
      level: Number(admin[1]),
      label: admin[2] === 'label',
      part: admin[3] === 'part',
      osType,
    };
  if (/^economic-classification:[^:]*:(?:level\d+:)?code/u.test(t)) return { role: 'account', osType };
  return { osType };
}

function fieldHints(resource: Json, model: Json | undefined, resourceName: string): Map<string, FieldHint> {
  const out = new Map<string, FieldHint>();
  const schema = isObject(resource.schema) ? resource.schema : {};
  const fields = Array.isArray(schema.fields) ? schema.fields.filter(isObject) : [];
  for (const f of fields) {
    const name = str(f.name);
    if (name === undefined) continue;
    const osType = str(f.osType) ?? str(f.columnType) ?? str(f.conceptType) ?? '';
    const hint = hintOfType(osType);
    const decimalChar = str(f.decimalChar);
    const groupChar = str(f.groupChar);
    out.set(name, {
      ...hint,
      ...(decimalChar ? { decimalChar } : {}),
      ...(groupChar !== undefined ? { groupChar } : {}),
    });
  }
  // the model: measures are amounts, dimensions say what the other fields are
  if (model) {
    const inResource = (x: Json): boolean => {
      const r = str(x.resource);
      return r === undefined || r === resourceName;
    };
    const measures = isObject(model.measures) ? model.measures : {};
    for (const m of Object.values(measures)) {
      if (!isObject(m) || !inResource(m)) continue;
      const source = str(m.source);
      if (source !== undefined) out.set(source, { ...out.get(source), role: 'amount' });
    }
    const dimensions = isObject(model.dimensions) ? model.dimensions : {};
    for (const [dimName, d] of Object.entries(dimensions)) {
      if (!isObject(d)) continue;
      const attributes = isObject(d.attributes) ? d.attributes : {};
      const type = str(d.dimensionType) ?? '';
      const dn = dimName.toLowerCase();
      const role: FieldHint['role'] =
        type === 'datetime' || dn === 'date'
          ? 'year'
          : dn === 'direction'
            ? 'direction'
            : /^(?:phase|value-kind|expenditure-type)$/u.test(dn)
              ? 'kind'
              : undefined;
      for (const a of Object.values(attributes)) {
        if (!isObject(a) || !inResource(a)) continue;
        const source = str(a.source);
        if (source === undefined) continue;
        const known = out.get(source);
        if (role && known?.role === undefined) out.set(source, { ...known, role });
        const labelled = attributes[str(a.labelfor) ?? ''];
        const labelFor = isObject(labelled) ? str(labelled.source) : undefined;
        if (labelFor !== undefined) out.set(source, { ...out.get(source), labelFor });
      }
    }
  }
  return out;
}

function fiscalYears(pkg: Json): number[] | undefined {
  const p = isObject(pkg.fiscalPeriod) ? pkg.fiscalPeriod : undefined;
  const start = Number(/^(\d{4})/u.exec(str(p?.start) ?? '')?.[1]);
  const end = Number(/^(\d{4})/u.exec(str(p?.end) ?? '')?.[1]);
  if (!Number.isInteger(start) || start < 1900) return undefined;
  const last = Number.isInteger(end) && end >= start && end - start < 10 ? end : start;
  return Array.from({ length: last - start + 1 }, (_, i) => start + i);
}

/** Reads a parsed descriptor; `descriptor` is its path (resource paths are relative to its folder). */
export function packageInfo(raw: unknown, descriptor: string): PackageInfo | undefined {
  if (!isObject(raw) || !Array.isArray(raw.resources)) return undefined;
  const model = isObject(raw.model) ? raw.model : undefined;
  const dir = path.dirname(descriptor);
  const resources: ResourceInfo[] = [];
  raw.resources.filter(isObject).forEach((r, i) => {
    const rel = str(r.path) ?? (Array.isArray(r.path) ? str(r.path[0]) : undefined);
    if (rel === undefined || /^[a-z]+:\/\//iu.test(rel)) return;
    const name = str(r.name) ?? `resource${i + 1}`;
    const dialect = isObject(r.dialect) ? r.dialect : {};
    const measures = model && isObject(model.measures) ? Object.values(model.measures).filter(isObject) : [];
    const measure = measures.find((m) => str(m.resource) === undefined || str(m.resource) === name);
    const factor = Number(measure?.factor ?? 1);
    const delimiter = str(dialect.delimiter);
    const currency = str(measure?.currency);
    const phase = str(measure?.phase);
    const direction = str(measure?.direction);
    resources.push({
      descriptor,
      name,
      file: path.resolve(dir, rel),
      fields: fieldHints(r, model, name),
      ...(delimiter ? { delimiter } : {}),
      ...(Number.isFinite(factor) && factor !== 1 ? { factor } : {}),
      ...(currency ? { currency } : {}),
      ...(phase ? { phase } : {}),
      ...(direction ? { direction } : {}),
    });
  });
  const names = new Set(resources.map((r) => r.name));
  const title = str(raw.title);
  const city = str(raw.cityCode);
  const years = fiscalYears(raw);
  const land = str(raw.land);
  return {
    descriptor,
    ...(land && /^[A-Z]{2}$/u.test(land) ? { land } : {}),
    ...(title ? { title } : {}),
    ...(city ? { city } : {}),
    ...(years ? { fiscalYears: years } : {}),
    resources,
    ownExport:
      names.has('haushalt') &&
      names.has('einheiten') &&
      isObject(model?.dimensions) &&
      'einheit' in model.dimensions,
  };
}

/** Largest descriptor read: they are a few kilobytes; a bigger file is not one. */
const MAX_DESCRIPTOR_BYTES = 4 * 1024 * 1024;

/** Reads and parses a descriptor file; undefined when it is missing, too large or not a descriptor. */
export async function readPackage(descriptor: string): Promise<PackageInfo | undefined> {
  try {
    const s = await stat(descriptor);
    if (!s.isFile() || s.size > MAX_DESCRIPTOR_BYTES) return undefined;
    return packageInfo(JSON.parse(await readFile(descriptor, 'utf8')), descriptor);
  } catch {
    return undefined;
  }
}

/** The data file without `.gz`: a descriptor names `bonn_2017.csv` for the published `bonn_2017.csv.gz`. */
export function withoutGz(file: string): string {
  return file.replace(/\.gz$/iu, '');
}

/**
 * The descriptor and resource of a data file: a `datapackage.json` in the file's folder or up to two folders
 * above (sets keep their data in `data/`), whose resources name the file (with or without `.gz`).
 */
export async function findResource(
  file: string,
): Promise<{ readonly pkg: PackageInfo; readonly resource: ResourceInfo } | undefined> {
  const target = path.resolve(withoutGz(file));
  let dir = path.dirname(path.resolve(file));
  for (let up = 0; up < 3; up++) {
    const pkg = await readPackage(path.join(dir, 'datapackage.json'));
    const resource = pkg?.resources.find((r) => withoutGz(r.file) === target);
    if (pkg && resource) return { pkg, resource };
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/**
 * The data files a folder or descriptor given as an argument stands for: the descriptor's resources that exist
 * (as named, or gzipped). Undefined when the argument is neither a package folder nor a descriptor.
 */
export async function packageFiles(
  arg: string,
): Promise<{ readonly pkg: PackageInfo; readonly files: readonly string[] } | undefined> {
  let descriptor = arg;
  try {
    const s = await stat(arg);
    if (s.isDirectory()) {
      const entries = await readdir(arg);
      if (!entries.includes('datapackage.json')) return undefined;
      descriptor = path.join(arg, 'datapackage.json');
    } else if (path.basename(arg).toLowerCase() !== 'datapackage.json') return undefined;
  } catch {
    return undefined;
  }
  const pkg = await readPackage(descriptor);
  if (!pkg) return undefined;
  const files: string[] = [];
  for (const r of pkg.resources) {
    if (pkg.ownExport && r.name !== 'haushalt') continue;
    for (const candidate of [r.file, `${r.file}.gz`]) {
      try {
        if ((await stat(candidate)).isFile()) {
          // as the user would name it: relative to where the argument was given
          files.push(path.isAbsolute(arg) ? candidate : path.relative(process.cwd(), candidate));
          break;
        }
      } catch {
        // not there under this name
      }
    }
  }
  return { pkg, files };
}
