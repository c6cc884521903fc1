/**
 * A budget printed in every vendor's layout, for tests: layout variants (`variant.ts`, the named ones in
 * `variants.ts`), and renderers of a core `Budget` in a variant into HTML for Chromium, a flat OpenDocument
 * text for LibreOffice and the CSV table a finance system exports for that layout. The renderer paginates
 * itself, so it knows the page of every printed cell; `expectedFromPdf`/`expectedFromCsv` give the budget an
 * exact import of the print must give (amounts in the variant's unit and signs, the schema's labels, sources
 * on the right page or line). See docs/import.md (PDF: layout variants).
 */
import type { Budget } from '../../core/model.js';
import { layoutCsv, type LayoutCsv } from './csv.js';
import { expectedBudget, layoutDocument, type LayoutDocument } from './document.js';
import { layoutFodt } from './fodt.js';
import { layoutHtml } from './html.js';
import { paginate, type Pagination } from './paginate.js';
import { variantProblem, type LayoutVariant } from './variant.js';

export type { LayoutVariant, TraitName } from './variant.js';
export {
  TRAITS,
  traitValues,
  uncovered,
  headerRowCount,
  normalizeVariant,
  variantProblem,
} from './variant.js';
export { BENCHMARK_VARIANT, VARIANTS, variantByName } from './variants.js';
export { budgetFromGenerated, type FromGeneratedOptions } from './from-generated.js';
export { roundToThousandEuros, roundToUnit, printAmount, TEUR, type PrintedAmount } from './format.js';
export type { ExpectedCell, LayoutDocument, PrintedRow, PrintedTable } from './document.js';
export type { LayoutCsv } from './csv.js';
export type { Pagination, Page, Chunk, PageGeometry, TableGeometry } from './paginate.js';

export interface RenderedLayout {
  readonly variant: LayoutVariant;
  readonly document: LayoutDocument;
  readonly pagination: Pagination;
  /** For Chromium. */
  readonly html: string;
  /** For LibreOffice. */
  readonly fodt: string;
  /** The table export of the layout. */
  readonly csv: LayoutCsv;
  /** Pages of the print (both producers). */
  readonly pageCount: number;
  /** What an exact import of the printed PDF (or its layout text) named `file` gives; cells name their page. */
  expectedFromPdf(file: string): Budget;
  /** What an exact import of the CSV named `file` gives; cells name their line (no investment tables). */
  expectedFromCsv(file: string): Budget;
}

/** Renders a budget in a variant (throws a RangeError for a variant that cannot be printed faithfully). */
export function renderLayout(budget: Budget, variant: LayoutVariant): RenderedLayout {
  const problem = variantProblem(variant);
  if (problem !== undefined) throw new RangeError(problem);
  const document = layoutDocument(budget, variant);
  const pagination = paginate(document);
  const csv = layoutCsv(document);
  return {
    variant,
    document,
    pagination,
    html: layoutHtml(document, pagination),
    fodt: layoutFodt(document, pagination),
    csv,
    pageCount: pagination.pages.length,
    expectedFromPdf: (file) =>
      expectedBudget(document, file, (t, r, c) => ({ file, line: 0, page: pagination.pageOf(t, r, c) })),
    expectedFromCsv: (file) =>
      expectedBudget(
        document,
        file,
        (t, r) => {
          const line = csv.lineOf(t, r);
          return line === undefined ? undefined : { file, line };
        },
        { investments: false },
      ),
  };
}
