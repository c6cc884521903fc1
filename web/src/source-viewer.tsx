/// <reference types="vite/client" />
/**
 * Where a value was printed: a modal dialog over the workbench with the source document stored with the
 * import. A PDF page is rendered with pdf.js in the browser (fetching only the byte ranges the page needs) with
 * the printed row marked by a translucent rectangle; a text document shows the lines around the source line
 * with that line marked, and its page when the text has form feeds. Loaded on first use (see `lazy.tsx`), so
 * pdf.js never enters the first download. Escape or "Schließen" closes it and gives the focus back.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Source } from '../../src/core/model.js';
import type { DocumentInfo } from '../../src/store/api.js';
import { api } from './api.js';
import { formatCount } from '../../src/core/money.js';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Lines shown before and after the source line of a text document. */
const CONTEXT = 8;
/** Bytes per range request of pdf.js (see docs/benchmarks.md, source viewer). */
const RANGE_CHUNK = 512 * 1024;
/** CSS pixels per PDF point at most (a page of 595 pt fills about 890 px). */
const MAX_SCALE = 1.5;

interface Props {
  readonly version: number;
  readonly source: Source;
  /** What the value is, for the title and the page's description ("Zeile 13, Ansatz 2026"). */
  readonly label: string;
  readonly onClose: () => void;
}

/** The stored document a source names: by its file name (sources of older imports may carry a path). */
export function documentName(source: Source): string {
  return source.file.split(/[\\/]/u).pop() ?? source.file;
}

const count = formatCount;

export function SourceViewer({ version, source, label, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [document, setDocument] = useState<DocumentInfo | null | undefined>(undefined);
  const [error, setError] = useState('');
  const name = documentName(source);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  useEffect(() => {
    setDocument(undefined);
    setError('');
    api
      .documents(version)
      .then((r) => setDocument(r.documents.find((x) => x.name === name) ?? null))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [version, name]);

  const where = `${name}${source.page !== undefined ? `, Seite ${count(source.page)}` : ''}, Zeile ${count(source.line)}`;
  return (
    <dialog ref={dialog} class="source-viewer" aria-labelledby="sv-h" onClose={onClose}>
      <div class="panel-head">
        <h2 id="sv-h">
          Quelle: {label} <span class="muted">({where})</span>
        </h2>
        <button type="button" onClick={() => dialog.current?.close()} aria-label="Quelle schließen">
          Schließen
        </button>
      </div>
      {error ? <p class="error">{error}</p> : null}
      {document === undefined && !error ? <p>Wird geladen …</p> : null}
      {document === null ? (
        <p class="error">
          Das Dokument „{name}“ ist zu dieser Version nicht gespeichert (eingelesen, bevor Quelldokumente
          aufbewahrt wurden).
        </p>
      ) : null}
      {document ? (
        document.mediaType.startsWith('application/pdf') ? (
          <PdfPage version={version} document={document} source={source} label={label} />
        ) : (
          <TextExcerpt version={version} document={document} source={source} />
        )
      ) : null}
    </dialog>
  );
}

function PdfPage({
  version,
  document,
  source,
  label,
}: {
  readonly version: number;
  readonly document: DocumentInfo;
  readonly source: Source;
  readonly label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const mark = useRef<HTMLDivElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [pageNumber, setPageNumber] = useState(source.page ?? 1);
  const [size, setSize] = useState<{ width: number; height: number; scale: number } | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    // only the ranges a page needs: no streaming of the whole file, no fetching ahead
    const task = getDocument({
      url: api.documentUrl(version, document.name),
      disableStream: true,
      disableAutoFetch: true,
      // larger than pdf.js's 64 KiB: a page of a large plan needs fewer sequential round trips
      rangeChunkSize: RANGE_CHUNK,
      isEvalSupported: false,
    });
    task.promise.then(setPdf, (e: unknown) =>
      setError(`Die PDF-Datei konnte nicht geöffnet werden: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      void task.destroy();
    };
  }, [version, document.name]);

  useEffect(() => setPageNumber(source.page ?? 1), [source]);

  useEffect(() => {
    if (!pdf || !canvas.current) return;
    const target = canvas.current;
    let cancelled = false;
    let render: { cancel(): void } | undefined;
    setSize(null);
    void (async () => {
      try {
        const page = await pdf.getPage(pageNumber);
        if (cancelled) return;
        const natural = page.getViewport({ scale: 1 });
        const room = (target.parentElement?.parentElement?.clientWidth ?? natural.width) - 8;
        const scale = Math.max(0.5, Math.min(MAX_SCALE, room / natural.width));
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        target.style.width = `${natural.width * scale}px`;
        target.style.height = `${natural.height * scale}px`;
        const task = page.render({ canvas: target, viewport });
        render = task;
        await task.promise;
        if (cancelled) return;
        setSize({ width: natural.width, height: natural.height, scale });
      } catch (e) {
        if (!cancelled && !(e instanceof Error && e.name === 'RenderingCancelledException'))
          setError(
            `Seite ${pageNumber} konnte nicht gezeigt werden: ${e instanceof Error ? e.message : String(e)}`,
          );
      }
    })();
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [pdf, pageNumber]);

  const marked = size !== null && source.box !== undefined && pageNumber === source.page;
  useEffect(() => {
    if (marked) mark.current?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }, [marked, size]);

  const pages = pdf?.numPages;
  const box = source.box;
  const description =
    `Seite ${count(pageNumber)} der Datei ${document.name}` +
    (pageNumber === source.page ? `, markiert: Zeile ${count(source.line)} (${label})` : '');
  return (
    <div class="pdf-source">
      <div class="pdf-nav" role="group" aria-label="Seiten">
        <button type="button" disabled={!pdf || pageNumber <= 1} onClick={() => setPageNumber((n) => n - 1)}>
          Vorherige Seite
        </button>
        <span aria-live="polite" class="pdf-page-number">
          {pages ? `Seite ${count(pageNumber)} von ${count(pages)}` : 'Wird geladen …'}
        </span>
        <button
          type="button"
          disabled={!pdf || pages === undefined || pageNumber >= pages}
          onClick={() => setPageNumber((n) => n + 1)}
        >
          Nächste Seite
        </button>
        {source.page !== undefined && pageNumber !== source.page ? (
          <button type="button" onClick={() => setPageNumber(source.page ?? 1)}>
            Zur markierten Zeile
          </button>
        ) : null}
      </div>
      {error ? <p class="error">{error}</p> : null}
      <div class="pdf-scroll">
        <div class="pdf-page">
          <canvas
            ref={canvas}
            role="img"
            aria-label={description}
            data-page={pageNumber}
            data-page-width={size?.width}
            data-rendered={size ? 'ja' : 'nein'}
          />
          {marked && box ? (
            <div
              ref={mark}
              class="source-mark"
              aria-hidden="true"
              style={{
                left: `${box[0] * size.scale}px`,
                top: `${box[1] * size.scale}px`,
                width: `${box[2] * size.scale}px`,
                height: `${box[3] * size.scale}px`,
              }}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}

interface Excerpt {
  readonly total: number;
  readonly pages: number;
  readonly lines: readonly { line: number; page: number; text: string }[];
}

function TextExcerpt({
  version,
  document,
  source,
}: {
  readonly version: number;
  readonly document: DocumentInfo;
  readonly source: Source;
}) {
  const [excerpt, setExcerpt] = useState<Excerpt | null>(null);
  const [error, setError] = useState('');
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    setExcerpt(null);
    api
      .documentLines(version, document.name, Math.max(1, source.line - CONTEXT), source.line + CONTEXT)
      .then(setExcerpt)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [version, document.name, source.line]);
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }, [excerpt]);
  if (error) return <p class="error">{error}</p>;
  if (!excerpt) return <p>Wird geladen …</p>;
  const at = excerpt.lines.find((l) => l.line === source.line);
  return (
    <div class="text-source">
      <p>
        Zeile {count(source.line)} von {count(excerpt.total)}
        {excerpt.pages > 1 && at ? `, Seite ${count(at.page)} von ${count(excerpt.pages)}` : ''}
      </p>
      <pre
        class="source-lines"
        aria-label={`Zeilen ${excerpt.lines[0]?.line ?? ''} bis ${excerpt.lines.at(-1)?.line ?? ''} der Datei ${document.name}`}
      >
        {excerpt.lines.map((l) =>
          l.line === source.line ? (
            <mark key={l.line} ref={mark} class="source-line">
              <span class="line-number">{l.line}</span>
              {l.text}
            </mark>
          ) : (
            <span key={l.line} class="text-line">
              <span class="line-number">{l.line}</span>
              {l.text}
            </span>
          ),
        )}
      </pre>
    </div>
  );
}
