/**
 * What an XLSX workbook may cost before it is read (`XLSX_LIMITS`), and the judgement on its ZIP's central
 * directory alone, before anything is inflated: too large in all, or a part packed too tightly (a ZIP bomb).
 */
import type { ZipEntry } from './zip.js';

/**
 * What a workbook may cost before it is refused. The uncompressed total is checked on the central directory's
 * declared sizes and enforced while inflating (no part may inflate beyond its declared size). The ratio is
 * Apache POI's default (`ZipSecureFile`, 1 %): real sheets compress 5- to 30-fold, zip bombs a thousandfold.
 */
export const XLSX_LIMITS = {
  /** Uncompressed size of all parts together: 1 GiB. */
  maxUncompressedBytes: 1024 * 1024 * 1024,
  /** Uncompressed size of one part divided by its compressed size. */
  maxCompressionRatio: 100,
  /** Parts up to this size are not held to the ratio (small XML parts compress well and can do no harm). */
  ratioExemptBytes: 1024 * 1024,
  /** Entries in the ZIP directory. */
  maxEntries: 10_000,
  /** Cells of all sheets, counting the empty ones before a row's last cell and those of merged ranges. */
  maxCells: 25_000_000,
  /** Characters of one cell or shared string (Excel itself allows 32,767). */
  maxCellChars: 1024 * 1024,
} as const;

export type XlsxLimits = { readonly [K in keyof typeof XLSX_LIMITS]: number };

const megabytes = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${bytes.toLocaleString('de-DE')} Bytes`
    : `${Math.round(bytes / 1024 / 1024).toLocaleString('de-DE')} MB`;

/** Refuses a workbook by its central directory alone: too large in all, or a part packed too tightly. */
export function judge(entries: readonly ZipEntry[], limits: XlsxLimits): string | undefined {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxUncompressedBytes)
    return `XLSX abgelehnt: entpackt ${megabytes(total)} groß (erwartet: höchstens ${megabytes(limits.maxUncompressedBytes)} entpackt; Schutz vor ZIP-Bomben)`;
  for (const e of entries) {
    if (e.size <= limits.ratioExemptBytes) continue;
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (ratio > limits.maxCompressionRatio)
      return `XLSX abgelehnt: Teil „${e.name}“ ist ${Math.round(ratio).toLocaleString('de-DE')}-fach gepackt (erwartet: höchstens ${limits.maxCompressionRatio}-fach; Schutz vor ZIP-Bomben)`;
  }
  return undefined;
}
