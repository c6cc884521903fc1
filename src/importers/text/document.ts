/**
 * A document's lines (from any front-end: plan text, layout-preserving text, PDF pages) made a budget: split
 * into sections by their titles, each section read by its kind (plans, investments, Produktbeschreibungen),
 * the nodes put into their hierarchy. Never throws for bad input: problems come back as errors naming the
 * line (and page) and what was expected.
 *
 * Conservation: every amount of a plan or investment table row is read into the file's ledger; rows that
 * become no plan line or investment row are listed outside the plans with their reason. An amount cell that
 * is no number is an error finding (`unreadable-amount`) at its place, left out; everything else comes in.
 */
import type {
  Budget,
  BudgetNode,
  Erlaeuterung,
  InvestmentTable,
  KennzahlTable,
  Level,
  Plan,
  Produktbeschreibung,
  Source,
} from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import type { DocLine } from '../rows/model.js';
import type { ImportResult } from '../types.js';
import { parseDescription } from './beschreibung.js';
import { Context } from './context.js';
import { parseInvestments } from './investments.js';
import { prepareLines, type TextLine } from './lines.js';
import { parsePlanSection } from './plans.js';
import { headerLinesAt, type Section } from './tables.js';
import { collapseHeaderLines, isDataLine, isHeaderLine } from '../recognise/table.js';
import { PlanContinuations } from './continued.js';

interface NodeBuilder {
  code: string;
  level: Level;
  name: string;
  plans: Plan[];
  investitionen?: InvestmentTable;
  erlaeuterungen: Erlaeuterung[];
  beschreibung?: Produktbeschreibung;
  kennzahlen: KennzahlTable[];
  source: Source;
}

function splitSections(ctx: Context, lines: readonly TextLine[]): Section[] {
  const sections: Section[] = [];
  const byKey = new Map<string, Section>();
  const plans = new PlanContinuations<Section>();
  let current: Section | undefined;
  /** Only text since the current section's title; the end of the header being read. */
  let afterTitle = false;
  let headerEnd = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const title = line.title;
    if (title) {
      afterTitle = true;
      const key = `${title.kind}|${title.code}`;
      const earlier = byKey.get(key);
      // a title printed again at a page break continues its section; so does (a plan whose pages alternate with
      // another's: the planning years on the following page, two plans on one page) the title of an earlier plan
      if (earlier && (line.repeated === true || title.kind !== 'produktbeschreibung')) current = earlier;
      else {
        current = { title, titleLine: line, body: [] };
        sections.push(current);
        byKey.set(key, current);
      }
      if (isPlan(current)) plans.title(current);
      continue;
    }
    if (current && i >= headerEnd && isHeaderLine(line) && !isDataLine(line)) {
      // a plan continued on a later page with only its header: the plan whose rows it continues
      const { lines: header, end } = headerLinesAt(lines, i);
      headerEnd = end;
      current = plans.header(current, isPlan(current), header, lines, end, afterTitle);
    }
    if (line.cells) afterTitle = false;
    if (current) {
      current.body.push(line);
      if (isPlan(current)) plans.row(current, line);
    } else if (line.text.trim() !== '') {
      ctx.notes.push({
        severity: 'info',
        rule: 'skipped-text',
        message: `Text vor dem ersten Abschnitt übersprungen: „${line.text.replace(/\t/gu, ' ').trim().slice(0, 60)}“`,
        source: line.source,
      });
    }
  }
  return sections;
}

function isPlan(section: Section): boolean {
  return section.title.kind !== 'investitionen' && section.title.kind !== 'produktbeschreibung';
}

/** The budget year: the year of the VE column, else the Ansatz year after the Ergebnis year's successor. */
function budgetYearOf(plans: readonly Plan[]): number | undefined {
  const ve = plans.flatMap((p) => p.columns).filter((c) => c.kind === 've');
  if (ve.length > 0) return Math.min(...ve.map((c) => c.year));
  const ansatz = plans.flatMap((p) => p.columns).filter((c) => c.kind === 'ansatz');
  if (ansatz.length > 0) return Math.max(...ansatz.map((c) => c.year));
  return undefined;
}

/**
 * Reads a document's lines into a budget. `what` names the document for the message when no section title is
 * found; `furniture`: page furniture the front-end left out (for the import report).
 */
export function importLines(
  input: readonly DocLine[],
  file: string,
  furniture: readonly string[] = [],
): ImportResult {
  const ctx = new Context(file);
  for (const f of furniture) ctx.traits.pageFurniture(f);
  if (input.every((l) => l.text.trim() === '')) {
    return {
      ok: false,
      errors: [{ file, message: 'Die Datei ist leer (erwartet: ein Haushaltsplan als Text)' }],
    };
  }
  const prepared = prepareLines(input);
  if (prepared.titlePairs > 0) ctx.traits.titlePair();
  const sections = splitSections(ctx, prepared.lines);
  if (sections.length === 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          message: `Kein Haushaltsplan erkannt: keine Abschnittsüberschrift wie „Teilergebnisplan Produktgruppe 12.01 Name“, „Teilfinanzplan …“, „Investitionen …“ oder „Produktbeschreibung Produkt …“ gefunden (gesucht in allen ${prepared.lines.length} Zeilen)`,
        },
      ],
    };
  }

  const nodes = new Map<string, NodeBuilder>();
  const nodeFor = (section: Section): NodeBuilder => {
    const { code, level, name } = section.title;
    let node = nodes.get(code);
    if (!node) {
      node = {
        code,
        level,
        name,
        plans: [],
        erlaeuterungen: [],
        kennzahlen: [],
        source: section.titleLine.source,
      };
      nodes.set(code, node);
    } else if (node.name === '' && name !== '') {
      node.name = name;
    }
    return node;
  };

  const plans: Plan[] = [];
  for (const section of sections) {
    const node = nodeFor(section);
    const kind = section.title.kind;
    if (kind === 'investitionen') {
      const table = parseInvestments(ctx, section);
      if (table) {
        if (node.investitionen)
          ctx.error(section.titleLine, `Investitionen für ${node.code} stehen doppelt im Dokument`);
        node.investitionen = table;
      }
      continue;
    }
    if (kind === 'produktbeschreibung') {
      const d = parseDescription(collapseHeaderLines(section.body));
      for (const p of d.problems) {
        ctx.notes.push({
          severity: 'warning',
          rule: 'skipped-text',
          message: p.message,
          node: node.code,
          source: p.source,
        });
      }
      if (d.fields.length > 0) {
        if (node.beschreibung)
          ctx.error(section.titleLine, `Produktbeschreibung für ${node.code} steht doppelt im Dokument`);
        node.beschreibung = { fields: d.fields, source: section.titleLine.source };
      }
      node.kennzahlen.push(...d.tables);
      continue;
    }
    const result = parsePlanSection(ctx, section, kind);
    if (result.plan) {
      if (node.plans.some((p) => p.type === kind)) {
        ctx.error(section.titleLine, `${section.titleLine.text.trim()}: der Plan steht doppelt im Dokument`);
      } else {
        node.plans.push(result.plan);
        plans.push(result.plan);
      }
    }
    node.erlaeuterungen.push(...result.erlaeuterungen);
  }

  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors };
  const year = budgetYearOf(plans);
  const built: BudgetNode[] = [...nodes.values()].map((n) => ({
    code: n.code,
    level: n.level,
    name: n.name,
    plans: n.plans,
    ...(n.investitionen ? { investitionen: n.investitionen } : {}),
    erlaeuterungen: n.erlaeuterungen.map((e) =>
      e.year === undefined && year !== undefined ? { ...e, year } : e,
    ),
    ...(n.beschreibung ? { beschreibung: n.beschreibung } : {}),
    kennzahlen: n.kennzahlen,
    source: n.source,
  }));
  const budget: Budget = {
    ...(prepared.runningHeader !== undefined ? { title: prepared.runningHeader } : {}),
    ...(year !== undefined ? { year } : {}),
    nodes: resolveParents(built),
    notes: ctx.notes,
    files: [file],
  };
  const ledger = ctx.ledger.toJSON();
  const layout = ctx.traits.isPlain() ? undefined : ctx.traits.describe();
  return { ok: true, budget, ledger: [layout ? { ...ledger, layout } : ledger] };
}
