/**
 * Source documents in the store: the files an import read, kept with the import (same transaction) so that
 * every value can show where it was printed. A `document` row names the file as the values' sources do; its
 * bytes are `document_chunk` rows of at most 4 MiB, keyed by budget and SHA-256, so that a document imported
 * again into the same budget is stored once and PDFs of hundreds of MB fit both databases.
 *
 * Documents belong to the version whose import brought them. A version sees the documents of its own import
 * and of the versions it goes back to (`based_on`: the stages before it, the Beschluss of a Nachtrag), the
 * nearest first: exactly the imports its values came from. Never those of other imports of the same budget:
 * a public version must not lead to a document of a private one (issue 13), and a frozen version's list
 * must not change when later imports add files (its line of versions is fixed, and the database refuses
 * documents for a frozen version).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ByteRange, DocumentContent, DocumentInfo, ImportDocument, VersionInfo } from './api.js';
import { StoreError } from './api.js';
import type { DocumentTable, Tables } from './tables.js';

type Db = Kysely<Tables> | Transaction<Tables>;

/** Bytes per `document_chunk` row. */
export const DOCUMENT_CHUNK = 4 * 1024 * 1024;
const MAX_NAME = 200;
/** Hops along `based_on` at most (a version line is a few stages and Nachträge long). */
const MAX_LINEAGE = 1000;

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  // no charset: plan texts come in UTF-8, UTF-16 or Windows-1252 (the excerpt route decodes them)
  txt: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  // anything that a browser would run (HTML, SVG) stays application/octet-stream: a download, never a page
};

/** The media type of a file by its name's extension (`application/octet-stream` if unknown). */
export function mediaTypeOf(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/u.exec(name)?.[1]?.toLowerCase() ?? '';
  return MEDIA_TYPES[ext] ?? 'application/octet-stream';
}

/** A PDF by its media type. */
export function isPdf(mediaType: string): boolean {
  return mediaType.split(';')[0]?.trim().toLowerCase() === 'application/pdf';
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 32) return true;
  return false;
}

function documentInfo(row: Selectable<DocumentTable>): DocumentInfo {
  return {
    name: row.name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    versionId: row.version_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** Stores the documents of an import (inside the import's transaction); bytes already stored are shared. */
export async function insertDocuments(
  db: Db,
  at: {
    readonly budgetId: number;
    readonly versionId: number;
    readonly by: string;
    readonly createdAt: string;
  },
  documents: readonly ImportDocument[],
): Promise<void> {
  const names = new Set<string>();
  for (const d of documents) {
    if (d.name === '' || d.name.length > MAX_NAME || hasControlCharacter(d.name) || /[\\/]/u.test(d.name)) {
      throw new StoreError(
        'invalid',
        `Der Dokumentname „${d.name.slice(0, 80)}“ ist nicht zulässig (ein Dateiname ohne Pfad, höchstens ${MAX_NAME} Zeichen).`,
      );
    }
    if (names.has(d.name)) throw new StoreError('invalid', `Das Dokument „${d.name}“ ist doppelt im Import.`);
    names.add(d.name);
    const sha256 = createHash('sha256').update(d.bytes).digest('hex');
    await db
      .insertInto('document')
      .values({
        budget_id: at.budgetId,
        version_id: at.versionId,
        name: d.name,
        media_type: d.mediaType.slice(0, 200) || 'application/octet-stream',
        size: d.bytes.byteLength,
        sha256,
        created_at: at.createdAt,
        created_by: at.by,
      })
      .execute();
    const stored = await db
      .selectFrom('document_chunk')
      .select('seq')
      .where('budget_id', '=', at.budgetId)
      .where('sha256', '=', sha256)
      .where('seq', '=', 0)
      .executeTakeFirst();
    if (stored) continue;
    for (let seq = 0; seq * DOCUMENT_CHUNK < d.bytes.byteLength; seq++) {
      const part = d.bytes.subarray(seq * DOCUMENT_CHUNK, (seq + 1) * DOCUMENT_CHUNK);
      await db
        .insertInto('document_chunk')
        .values({
          budget_id: at.budgetId,
          sha256,
          seq,
          bytes: Buffer.from(part.buffer, part.byteOffset, part.length),
        })
        .onConflict((oc) => oc.columns(['budget_id', 'sha256', 'seq']).doNothing())
        .execute();
    }
  }
}

/** The version itself and the versions it goes back to, nearest first. */
async function lineage(db: Db, version: VersionInfo): Promise<number[]> {
  const ids = [version.id];
  let next = version.basedOn;
  while (next !== null && ids.length < MAX_LINEAGE && !ids.includes(next)) {
    ids.push(next);
    const row = await db.selectFrom('version').select('based_on').where('id', '=', next).executeTakeFirst();
    next = row?.based_on ?? null;
  }
  return ids;
}

/** The documents a version sees (see the module comment), by name. */
export async function listDocuments(db: Db, version: VersionInfo): Promise<DocumentInfo[]> {
  const ids = await lineage(db, version);
  const rows = await db
    .selectFrom('document')
    .selectAll()
    .where('budget_id', '=', version.budgetId)
    .where('version_id', 'in', ids)
    .execute();
  const rank = (row: Selectable<DocumentTable>): number => ids.indexOf(row.version_id);
  const byName = new Map<string, Selectable<DocumentTable>>();
  // the nearest import that brought a file of that name
  for (const row of rows) {
    const seen = byName.get(row.name);
    if (!seen || rank(row) < rank(seen)) byName.set(row.name, row);
  }
  return [...byName.values()].map(documentInfo).sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** One document of a version, or a range of its bytes, read chunk by chunk when iterated. */
export async function readDocument(
  db: Db,
  version: VersionInfo,
  name: string,
  range?: ByteRange,
): Promise<DocumentContent> {
  const found = (await listDocuments(db, version)).find((d) => d.name === name);
  if (!found)
    throw new StoreError(
      'not-found',
      `Das Dokument „${name.slice(0, 200)}“ gibt es zu dieser Fassung nicht.`,
    );
  const document: DocumentInfo = found;
  const wanted = range ?? { start: 0, end: document.size };
  if (
    !Number.isSafeInteger(wanted.start) ||
    !Number.isSafeInteger(wanted.end) ||
    wanted.start < 0 ||
    wanted.end > document.size ||
    wanted.start > wanted.end ||
    (range !== undefined && wanted.start === wanted.end)
  ) {
    throw new StoreError(
      'invalid',
      `Der Bereich ${wanted.start}–${wanted.end} liegt nicht in „${document.name}“ (${document.size} Bytes).`,
    );
  }
  // chunk sizes as stored, so that reading does not depend on the size chunks were written with
  const chunks = await db
    .selectFrom('document_chunk')
    .select(['seq', sql<number>`length(bytes)`.as('length')])
    .where('budget_id', '=', version.budgetId)
    .where('sha256', '=', document.sha256)
    .orderBy('seq')
    .execute();
  async function* body(): AsyncGenerator<Uint8Array> {
    let offset = 0;
    for (const chunk of chunks) {
      const length = chunk.length;
      const from = Math.max(wanted.start, offset);
      const to = Math.min(wanted.end, offset + length);
      if (from < to) {
        const row = await db
          .selectFrom('document_chunk')
          .select(sql<Uint8Array>`substr(bytes, ${from - offset + 1}, ${to - from})`.as('part'))
          .where('budget_id', '=', version.budgetId)
          .where('sha256', '=', document.sha256)
          .where('seq', '=', chunk.seq)
          .executeTakeFirstOrThrow();
        yield row.part;
      }
      offset += length;
      if (offset >= wanted.end) return;
    }
  }
  return { document, range: wanted, body: body() };
}

/** All bytes of a document content (for small documents and tests). */
export async function bytesOf(content: DocumentContent): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of content.body) parts.push(part);
  return Buffer.concat(parts);
}
