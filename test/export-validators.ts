/**
 * Validators for the open-data exports, used by the tests: the JSON export against its published schema
 * (data/schemas/export/budget.schema.json, ajv), a Fiscal Data Package's descriptor against the official
 * schema (test/vendor/fiscal-data-package, draft-04, ajv-draft-04), and its CSV resources against the Table
 * Schemas the descriptor declares (header, types, constraints, primary and foreign keys). Each returns the
 * list of problems found, empty when valid.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { readCsvRecords } from '../src/importers/tidy-csv/index.js';
import { REPO_ROOT } from './paths.js';

const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, unknown>;

function messages(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

const budgetAjv = new Ajv({ allErrors: true, strict: true });
const validateBudget = budgetAjv.compile(readJson('data/schemas/export/budget.schema.json'));

/** Problems of a JSON export against budget.schema.json. */
export function budgetJsonProblems(value: unknown): string[] {
  return validateBudget(value) ? [] : messages(validateBudget.errors);
}

// the official schema has annotations ajv does not know (propertyOrder, context, examples): not strict
// both are CommonJS modules whose default export TypeScript sees one level too deep under NodeNext
const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule.default;
const fdpAjv = new Ajv04({ allErrors: true, strict: false });
addFormats(fdpAjv);
// a hint for editors in the official schema, not a format to check
fdpAjv.addFormat('textarea', true);
const validateFdp = fdpAjv.compile(readJson('test/vendor/fiscal-data-package/fiscal-data-package.json'));

/** Problems of a `datapackage.json` against the Fiscal Data Package schema. */
export function fdpDescriptorProblems(descriptor: unknown): string[] {
  return validateFdp(descriptor) ? [] : messages(validateFdp.errors);
}

interface Field {
  name: string;
  type: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[] };
}
interface Resource {
  name: string;
  path: string;
  dialect?: { delimiter?: string; lineTerminator?: string };
  schema: {
    fields: Field[];
    primaryKey?: string | string[];
    foreignKeys?: { fields: string | string[]; reference: { resource: string; fields: string | string[] } }[];
  };
}

const TYPE_PATTERN: Readonly<Record<string, RegExp>> = {
  string: /[\s\S]*/u,
  year: /^-?\d{4}$/u,
  integer: /^-?\d+$/u,
  // decimalChar '.', no groupChar, bare numbers
  number: /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^(NaN|INF|-INF)$/u,
};

const list = (x: string | string[]): string[] => (typeof x === 'string' ? [x] : x);

/** The rows of a resource as records by field name, and the problems of the file against its Table Schema. */
function readResource(resource: Resource, text: string, problems: string[]): Record<string, string>[] {
  const where = (line: number) => `${resource.path}, Zeile ${line}`;
  if (resource.dialect?.lineTerminator === '\n' && text.includes('\r'))
    problems.push(`${resource.path}: CR in a file declared with \\n line ends`);
  const fields = resource.schema.fields;
  const records: Record<string, string>[] = [];
  const seen = new Map<string, Set<string>>();
  const error = readCsvRecords(text, (values, line) => {
    if (line === 1) {
      const names = fields.map((f) => f.name);
      if (values.join(',') !== names.join(','))
        problems.push(`${where(line)}: header ${values.join(',')}, declared ${names.join(',')}`);
      return;
    }
    if (values.length !== fields.length) {
      problems.push(`${where(line)}: ${values.length} fields, declared ${fields.length}`);
      return;
    }
    const record: Record<string, string> = {};
    fields.forEach((f, i) => {
      const v = values[i]!;
      record[f.name] = v;
      const c = f.constraints ?? {};
      if (v === '') {
        if (c.required) problems.push(`${where(line)}: ${f.name} is required`);
        return;
      }
      const pattern = TYPE_PATTERN[f.type];
      if (!pattern)
        problems.push(`${resource.path}: field ${f.name} has type ${f.type} this check does not know`);
      else if (!pattern.test(v)) problems.push(`${where(line)}: ${f.name} „${v}“ is no ${f.type}`);
      if (c.enum && !c.enum.includes(v)) problems.push(`${where(line)}: ${f.name} „${v}“ not in its enum`);
      if (c.unique) {
        const s = seen.get(f.name) ?? new Set<string>();
        if (s.has(v)) problems.push(`${where(line)}: ${f.name} „${v}“ not unique`);
        s.add(v);
        seen.set(f.name, s);
      }
    });
    records.push(record);
  });
  if (error) problems.push(`${where(error.line)}: ${error.message}`);
  if (resource.schema.primaryKey) {
    const key = list(resource.schema.primaryKey);
    const keys = new Set(records.map((r) => JSON.stringify(key.map((k) => r[k]))));
    if (keys.size !== records.length)
      problems.push(`${resource.path}: primary key ${key.join(',')} not unique`);
  }
  return records;
}

/**
 * Problems of a Fiscal Data Package given as its files by name: the descriptor against the official schema,
 * every resource file against its Table Schema, foreign keys resolved, the model's sources naming declared fields.
 */
export function fdpProblems(files: ReadonlyMap<string, string>): string[] {
  const descriptor = JSON.parse(files.get('datapackage.json') ?? 'null') as {
    resources: Resource[];
    model: {
      measures: Record<string, { source: string; resource?: string }>;
      dimensions: Record<string, { attributes: Record<string, { source: string; resource?: string }> }>;
    };
  };
  const problems = fdpDescriptorProblems(descriptor);
  if (problems.length > 0) return problems;
  const tables = new Map<string, Record<string, string>[]>();
  for (const r of descriptor.resources) {
    const text = files.get(r.path);
    if (text === undefined) problems.push(`${r.path}: declared but missing`);
    else tables.set(r.name, readResource(r, text, problems));
  }
  for (const r of descriptor.resources)
    for (const fk of r.schema.foreignKeys ?? []) {
      const from = list(fk.fields);
      const to = list(fk.reference.fields);
      const targets = new Set(
        (tables.get(fk.reference.resource) ?? []).map((row) => JSON.stringify(to.map((k) => row[k]))),
      );
      for (const row of tables.get(r.name) ?? [])
        if (!targets.has(JSON.stringify(from.map((k) => row[k]))))
          problems.push(
            `${r.path}: ${from.join(',')} ${from.map((k) => row[k]).join(',')} not in ${fk.reference.resource}`,
          );
    }
  const sources = [
    ...Object.values(descriptor.model.measures),
    ...Object.values(descriptor.model.dimensions).flatMap((d) => Object.values(d.attributes)),
  ];
  for (const s of sources) {
    const resource = descriptor.resources.find(
      (r) => r.name === (s.resource ?? descriptor.resources[0]!.name),
    );
    if (!resource?.schema.fields.some((f) => f.name === s.source))
      problems.push(`model: source ${s.source} is no field of ${s.resource ?? 'the first resource'}`);
  }
  return problems;
}
