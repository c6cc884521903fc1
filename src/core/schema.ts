/**
 * Line schemas as data: which numbered lines a plan has, their canonical labels, and which lines are sums of
 * others. Schemas live in `data/schemas/*.json` (one file per plan form, Land and validity); adding a Land or an
 * older numbering means adding a file there and listing it in `schema-registry.ts`, not writing code. A plan is
 * read with a schema only when its printed labels fit (`selectSchema`); otherwise the import is refused with the
 * closest schema and the lines that disagree, never read with lines of another meaning.
 *
 * The entry every caller imports: the schemas and their lookups are in `schema-data.ts`, label matching in
 * `schema-labels.ts`, fitting and choosing a schema in `schema-fit.ts`.
 */
export * from './schema-data.js';
export * from './schema-labels.js';
export * from './schema-fit.js';
