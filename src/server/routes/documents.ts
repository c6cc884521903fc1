/**
 * Source documents of a version: the list, the bytes (with HTTP Range, so that pdf.js in the browser fetches
 * only the parts of a large PDF it needs for one page) and, for text documents, the lines around a source
 * line with their page (form feeds). Read rights are the version's: public versions for everyone.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { decode } from '../../importers/index.js';
import type { ByteRange, DocumentInfo } from '../../store/api.js';
import { bytesOf, isPdf } from '../../store/documents.js';
import { ApiError, invalid } from '../errors.js';
import { MAX_EXCERPT_LINES } from '../contract/documents.js';
import type { DocumentStore } from '../../store/parts.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { versionId } from './versions.js';
import { formatCount } from '../../core/money.js';

export { MAX_EXCERPT_LINES };

/** Media types shown in the browser itself; everything else is offered as a download. */
const INLINE = new Set(['application/pdf', 'text/plain']);

/**
 * A `Range` header against a document of `size` bytes: one range `bytes=a-b`, `bytes=a-` or `bytes=-n`.
 * `undefined` for no header or one this server answers with the whole document (several ranges, other
 * units); `'unsatisfiable'` for a range outside the document.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/u.exec(header.trim());
  if (!m) return undefined;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return undefined;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(a);
  const last = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || last < start) return 'unsatisfiable';
  return { start, end: last + 1 };
}

/** `Content-Disposition` with a plain ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(document: DocumentInfo): string {
  const type = document.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  const ascii = document.name.replace(/[^A-Za-z0-9._ -]/gu, '_') || 'dokument';
  const exact = encodeURIComponent(document.name).replace(
    /['()*]/gu,
    (c) => `%${c.charCodeAt(0).toString(16)}`,
  );
  return `${INLINE.has(type) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

export function documentRoutes(app: FastifyInstance, { store }: Context<DocumentStore>): void {
  on(app, 'GET /api/versions/:v/documents', async (request) => ({
    documents: await store.listDocuments(request.actor, versionId(request.params)),
  }));

  on(app, 'GET /api/versions/:v/documents/:name', async (request, reply) => {
    const { name } = request.params;
    const id = versionId(request.params);
    const whole = await store.readDocument(request.actor, id, name);
    const { document } = whole;
    const etag = `"${document.sha256}"`;
    const ifRange = request.headers['if-range'];
    const range =
      ifRange === undefined || ifRange === etag
        ? parseRange(request.headers.range, document.size)
        : undefined;
    void reply
      .header('accept-ranges', 'bytes')
      .header('etag', etag)
      .header('cache-control', 'private, no-cache')
      .header('content-disposition', contentDisposition(document))
      .type(document.mediaType);
    if (range === 'unsatisfiable') {
      void reply.header('content-range', `bytes */${document.size}`);
      throw new ApiError(
        416,
        'invalid',
        `Der angefragte Bereich liegt nicht in „${document.name}“ (${formatCount(document.size)} Bytes).`,
      );
    }
    const content = range ? await store.readDocument(request.actor, id, name, range) : whole;
    const { start, end } = content.range;
    void reply.header('content-length', String(end - start));
    if (range) void reply.code(206).header('content-range', `bytes ${start}-${end - 1}/${document.size}`);
    return reply.send(Readable.from(content.body));
  });

  on(app, 'GET /api/versions/:v/documents/:name/lines', async (request) => {
    const { name } = request.params;
    const query = request.query;
    const from = Number(query.from);
    const to = Number(query.to);
    if (to < from) throw invalid('In der Abfrage: „to“ darf nicht vor „from“ liegen.');
    if (to - from + 1 > MAX_EXCERPT_LINES)
      throw invalid(`In der Abfrage: höchstens ${MAX_EXCERPT_LINES} Zeilen auf einmal.`);
    const content = await store.readDocument(request.actor, versionId(request.params), name);
    if (isPdf(content.document.mediaType))
      throw invalid(`„${content.document.name}“ ist eine PDF-Datei; Zeilen gibt es nur von Textdokumenten.`);
    const decoded = decode(await bytesOf(content));
    if (!decoded.ok) throw invalid(`„${content.document.name}“ ${decoded.message}.`);
    const all = decoded.text.split(/\r?\n/u);
    const lines: { line: number; page: number; text: string }[] = [];
    let page = 1;
    for (let i = 0; i < all.length && i < to; i++) {
      const raw = all[i]!;
      // a form feed starts a new page; it stands at the start of the page's first line
      const feeds = raw.split('\f').length - 1;
      page += feeds;
      if (i + 1 >= from) lines.push({ line: i + 1, page, text: raw.replaceAll('\f', '') });
    }
    const pages = page + all.slice(to).reduce((n, l) => n + l.split('\f').length - 1, 0);
    return { name: content.document.name, total: all.length, pages, lines };
  });
}
