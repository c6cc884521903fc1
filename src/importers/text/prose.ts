/**
 * Running text: lines grouped into paragraphs and lists. A paragraph that a page or column break cut in two
 * (the first part ends without closing punctuation) is joined again; list items ("- …", "a) …", "1. …") keep
 * their markers, and a wrapped item line is joined to its item.
 */
import type { Block } from '../../core/model.js';
import { joinWrapped, type TextLine } from './lines.js';

/** A list item start: "- text", "• text", "- a) text", "a) text", "1. text". */
const ITEM =
  /^(?:[-–•]\s+(?:(?<l1>[a-z]{1,2})\)\s+)?|(?<l2>[a-z]{1,2})\)\s+|(?<n>\d{1,2})\.\s+)(?<text>.*)$/u;

export interface ItemStart {
  readonly marker: string;
  readonly letter?: string;
  readonly text: string;
}

export function parseItemStart(text: string): ItemStart | undefined {
  const m = ITEM.exec(text.trim());
  if (!m?.groups) return undefined;
  const { l1, l2, n, text: body } = m.groups;
  const letter = l1 ?? l2;
  // "1. Seiteneinsteigermanagement" is an item; "2026:" or "1.000 €" are not (no space after the dot).
  if (n !== undefined && body!.trim() === '') return undefined;
  const marker = n !== undefined ? `${n}.` : letter !== undefined ? `${letter})` : '-';
  return letter !== undefined ? { marker, letter, text: body!.trim() } : { marker, text: body!.trim() };
}

/** True when a paragraph ends a sentence or announces what follows, i.e. is not cut off. */
export function endsComplete(text: string): boolean {
  return /[.:!?)"“”]$/u.test(text.trim());
}

export interface RawBlock {
  readonly type: 'paragraph' | 'item';
  text: string;
  readonly marker?: string;
  readonly letter?: string;
  readonly first: TextLine;
  /** Set when a blank line followed the block. */
  closed: boolean;
}

/**
 * Groups lines into raw paragraphs and items. `continues(item, line)` decides whether a non-blank line
 * directly after an item belongs to it (the Erläuterung parser is stricter than plain lists).
 */
export function rawBlocks(
  lines: readonly TextLine[],
  continues: (item: RawBlock, text: string) => boolean = () => true,
): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: RawBlock | undefined;
  for (const line of lines) {
    const text = line.text.trim();
    if (text === '') {
      if (current) current.closed = true;
      continue;
    }
    const item = parseItemStart(text);
    if (item) {
      current = {
        type: 'item',
        text: item.text,
        marker: item.marker,
        ...(item.letter !== undefined ? { letter: item.letter } : {}),
        first: line,
        closed: false,
      };
      blocks.push(current);
      continue;
    }
    if (current && !current.closed && (current.type === 'paragraph' || continues(current, text))) {
      current.text = joinWrapped(current.text, text);
      continue;
    }
    if (current?.type === 'paragraph' && !endsComplete(current.text)) {
      // a paragraph cut by a page break or a stray blank line
      current.text = joinWrapped(current.text, text);
      current.closed = false;
      continue;
    }
    current = { type: 'paragraph', text, first: line, closed: false };
    blocks.push(current);
  }
  return blocks;
}

/** Raw blocks as model blocks: consecutive items form one list. */
export function toBlocks(raw: readonly RawBlock[]): Block[] {
  const out: Block[] = [];
  for (const b of raw) {
    if (b.type === 'paragraph') {
      out.push({ type: 'paragraph', text: b.text });
      continue;
    }
    const last = out[out.length - 1];
    const item = { marker: b.marker ?? '-', text: b.text };
    if (last?.type === 'list') out[out.length - 1] = { type: 'list', items: [...last.items, item] };
    else out.push({ type: 'list', items: [item] });
  }
  return out;
}
