/**
 * The XML of an XLSX part, streamed: a part is inflated in chunks (`zip.ts`) straight into sax, and its elements
 * are handed to a handler by local name; a part is never held as a whole. What every part reader shares: the
 * `Refused` error that stops a read with a German message, a text buffer that refuses a text beyond its limit,
 * the OOXML `_x000D_` escapes, and OOXML's booleans.
 */
import { StringDecoder } from 'node:string_decoder';
import sax from 'sax';
import { inflateEntry, type ZipEntry } from './zip.js';

/** A refusal or read problem raised deep inside a parse; caught in `readXlsx`, never leaves this module. */
export class Refused extends Error {}

export interface XmlHandler {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Streams one part through the XML parser; throws `Refused` for an unreadable part. */
export function parsePart(bytes: Uint8Array, entry: ZipEntry, handler: XmlHandler): void {
  // position tracking stays on: sax checks its buffers against MAX_BUFFER_LENGTH (64 KiB) by position, so a text
  // is handed out in pieces and an endless tag or attribute is an error instead of a string of a gigabyte
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  let failure: string | undefined;
  parser.onerror = (e) => {
    failure ??= e.message.split('\n')[0];
  };
  parser.onopentag = (tag) => {
    handler.open(localName(tag.name), tag.attributes as Readonly<Record<string, string>>);
  };
  parser.onclosetag = (name) => {
    handler.close(localName(name));
  };
  parser.ontext = (text) => {
    handler.text(text);
  };
  parser.oncdata = (text) => {
    handler.text(text);
  };
  const decoder = new StringDecoder('utf8');
  let started = false;
  const feed = (text: string): void => {
    if (!started && text !== '') {
      started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    // sax checks its buffers after each write: short writes keep them short
    for (let i = 0; i < text.length && failure === undefined; i += 65_536)
      parser.write(text.slice(i, i + 65_536));
    if (failure !== undefined)
      throw new Refused(`XLSX nicht lesbar: Teil „${entry.name}“ ist kein gültiges XML (${failure})`);
  };
  const problem = inflateEntry(bytes, entry, (chunk) => {
    feed(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  });
  if (problem !== undefined) throw new Refused(problem);
  feed(decoder.end());
  parser.close();
  feed('');
}

/** Accumulates the text of one element, refusing more than `max` characters. */
export class TextBuffer {
  private parts: string[] = [];
  private length = 0;
  constructor(
    private readonly max: number,
    private readonly what: () => string,
  ) {}
  add(text: string): void {
    this.length += text.length;
    if (this.length > this.max)
      throw new Refused(
        `XLSX abgelehnt: ${this.what()} hat mehr als ${this.max.toLocaleString('de-DE')} Zeichen (erwartet: höchstens so viele)`,
      );
    this.parts.push(text);
  }
  /** The text so far, or undefined if nothing was added; empties the buffer. */
  take(): string | undefined {
    if (this.parts.length === 0) return undefined;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.length = 0;
    return text;
  }
}

/** `_x000D_` and friends: characters XML cannot hold, escaped the OOXML way. */
export const decodeEscapes = (text: string): string =>
  text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;

export const isTrue = (value: string | undefined): boolean =>
  value !== undefined && value !== '0' && value !== 'false';
