/**
 * Finds the line on which a key of a TOML document is written, so config problems can say
 * `file:line`. @iarna/toml gives positions only for syntax errors, not for the values it returns.
 *
 * This is a locator, not a parser: it runs on text that has already parsed, follows just enough
 * of the grammar to keep its place (headers, dotted and quoted keys, strings, arrays, inline
 * tables, comments) and never throws. For anything it cannot follow it returns undefined.
 */

/** A key path as the parsed document is addressed: table and key names, array indices as numbers. */
export type KeyPath = readonly (string | number)[];

/** 1-based line of the key (or `[table]` / `[[array]]` header, or array element) at `path`. */
export type LineLocator = (path: KeyPath) => number | undefined;

const BARE_KEY_CHAR = /[A-Za-z0-9_-]/;
/**
 * Values nested deeper than this are skipped without being located. No config key lives deeper
 * than a handful of levels, and locating every level of `[[[[…]]]]` costs time that grows with
 * the cube of the depth (a 1000-deep array took half a minute) and recursion that overflows.
 */
const MAX_LOCATED_DEPTH = 12;
const SCALAR_END = new Set([',', ']', '}', '#', '\n', '\r']);
const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

function pathId(path: KeyPath): string {
  return JSON.stringify(path);
}

class TomlLineScanner {
  private position = 0;
  private line = 1;
  /** Path of the table the following `key = value` lines belong to. */
  private currentTable: (string | number)[] = [];
  /** Last index used so far for each array of tables, by resolved path. */
  private readonly arrayTableIndex = new Map<string, number>();
  readonly lines = new Map<string, number>();

  constructor(private readonly text: string) {}

  scan(): void {
    while (!this.atEnd()) {
      const before = this.position;
      this.skipWhitespaceAndComments();
      if (this.atEnd()) break;
      if (this.peek() === '[') this.readHeader();
      else this.readKeyValue(this.currentTable);
      this.skipRestOfLine();
      // A stray character the scanner cannot follow must not stall it.
      if (this.position === before) this.advance();
    }
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private peek(offset = 0): string {
    return this.text.charAt(this.position + offset);
  }

  private startsWith(token: string): boolean {
    return this.text.startsWith(token, this.position);
  }

  private advance(count = 1): void {
    for (let step = 0; step < count && !this.atEnd(); step++) {
      if (this.text.charAt(this.position) === '\n') this.line++;
      this.position++;
    }
  }

  private skipInlineSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.advance();
  }

  private skipComment(): void {
    while (!this.atEnd() && this.peek() !== '\n') this.advance();
  }

  private skipWhitespaceAndComments(): void {
    for (;;) {
      const char = this.peek();
      if (char === ' ' || char === '\t' || char === '\r' || char === '\n') this.advance();
      else if (char === '#') this.skipComment();
      else return;
    }
  }

  private skipRestOfLine(): void {
    while (!this.atEnd() && this.peek() !== '\n') this.advance();
  }

  private record(path: KeyPath, line: number): void {
    // Parent tables created implicitly by a dotted key or header get the first line that mentions them.
    // Longest first: once a prefix is known, every shorter one is too (this is the only writer).
    for (let length = path.length; length >= 1; length--) {
      const id = pathId(path.slice(0, length));
      if (this.lines.has(id)) return;
      this.lines.set(id, line);
    }
  }

  /** `[a.b]` or `[[a.b]]`. Header names are resolved through arrays of tables to their last element. */
  private readHeader(): void {
    const line = this.line;
    const isArrayTable = this.startsWith('[[');
    this.advance(isArrayTable ? 2 : 1);
    const keys = this.readDottedKey();
    this.skipInlineSpace();
    if (this.startsWith(isArrayTable ? ']]' : ']')) this.advance(isArrayTable ? 2 : 1);
    if (keys.length === 0) return;
    if (isArrayTable) {
      const arrayPath = [...this.resolveTablePath(keys.slice(0, -1)), keys[keys.length - 1] as string];
      const id = pathId(arrayPath);
      const index = (this.arrayTableIndex.get(id) ?? -1) + 1;
      this.arrayTableIndex.set(id, index);
      this.currentTable = [...arrayPath, index];
    } else {
      this.currentTable = this.resolveTablePath(keys);
    }
    this.record(this.currentTable, line);
  }

  /** `[provider.extra]` after two `[[provider]]` headers means `provider[1].extra`. */
  private resolveTablePath(keys: readonly string[]): (string | number)[] {
    const resolved: (string | number)[] = [];
    for (const key of keys) {
      resolved.push(key);
      const index = this.arrayTableIndex.get(pathId(resolved));
      if (index !== undefined) resolved.push(index);
    }
    return resolved;
  }

  private readKeyValue(table: readonly (string | number)[]): void {
    const line = this.line;
    const keys = this.readDottedKey();
    if (keys.length === 0) return;
    this.skipInlineSpace();
    if (this.peek() !== '=') return;
    this.advance();
    this.skipInlineSpace();
    const path = [...table, ...keys];
    this.record(path, line);
    this.skipValue(path);
  }

  private readDottedKey(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipInlineSpace();
      const key = this.readSimpleKey();
      if (key === undefined) return keys;
      keys.push(key);
      this.skipInlineSpace();
      if (this.peek() !== '.') return keys;
      this.advance();
    }
  }

  private readSimpleKey(): string | undefined {
    const char = this.peek();
    if (char === '"') return this.readBasicString();
    if (char === "'") return this.readLiteralString();
    let key = '';
    while (BARE_KEY_CHAR.test(this.peek()) && !this.atEnd()) {
      key += this.peek();
      this.advance();
    }
    return key === '' ? undefined : key;
  }

  private readBasicString(): string {
    this.advance();
    let value = '';
    while (!this.atEnd() && this.peek() !== '"' && this.peek() !== '\n') {
      if (this.peek() === '\\') {
        value += this.readEscape();
      } else {
        value += this.peek();
        this.advance();
      }
    }
    if (this.peek() === '"') this.advance();
    return value;
  }

  private readEscape(): string {
    const code = this.peek(1);
    const simple = SIMPLE_ESCAPES[code];
    if (simple !== undefined) {
      this.advance(2);
      return simple;
    }
    const hexLength = code === 'u' ? 4 : code === 'U' ? 8 : 0;
    const hex = this.text.slice(this.position + 2, this.position + 2 + hexLength);
    if (hexLength > 0 && /^[0-9A-Fa-f]+$/.test(hex) && hex.length === hexLength) {
      this.advance(2 + hexLength);
      const codePoint = Number.parseInt(hex, 16);
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '';
    }
    this.advance(code === '\n' ? 1 : 2);
    return '';
  }

  private readLiteralString(): string {
    this.advance();
    let value = '';
    while (!this.atEnd() && this.peek() !== "'" && this.peek() !== '\n') {
      value += this.peek();
      this.advance();
    }
    if (this.peek() === "'") this.advance();
    return value;
  }

  /** `"""…"""` or `'''…'''`; up to two extra quotes right before the closing delimiter belong to the content. */
  private skipMultilineString(delimiter: '"""' | "'''"): void {
    const quote = delimiter.charAt(0);
    this.advance(3);
    while (!this.atEnd() && !this.startsWith(delimiter)) {
      this.advance(quote === '"' && this.peek() === '\\' ? 2 : 1);
    }
    this.advance(3);
    for (let extra = 0; extra < 2 && this.peek() === quote; extra++) this.advance();
  }

  private skipValue(path: KeyPath): void {
    if (path.length > MAX_LOCATED_DEPTH && (this.peek() === '[' || this.peek() === '{')) this.skipNested();
    else if (this.startsWith('"""')) this.skipMultilineString('"""');
    else if (this.startsWith("'''")) this.skipMultilineString("'''");
    else if (this.peek() === '"') this.readBasicString();
    else if (this.peek() === "'") this.readLiteralString();
    else if (this.peek() === '[') this.skipArray(path);
    else if (this.peek() === '{') this.skipInlineTable(path);
    else {
      // Numbers, booleans and dates; a date may contain a space ("1979-05-27 07:32:00Z").
      while (!this.atEnd() && !SCALAR_END.has(this.peek())) this.advance();
    }
  }

  /** Skips one array or inline table, however deep, without recursion and without locating anything in it. */
  private skipNested(): void {
    let depth = 0;
    while (!this.atEnd()) {
      const char = this.peek();
      if (char === '[' || char === '{') {
        depth++;
        this.advance();
      } else if (char === ']' || char === '}') {
        depth--;
        this.advance();
        if (depth <= 0) return;
      } else if (this.startsWith('"""')) this.skipMultilineString('"""');
      else if (this.startsWith("'''")) this.skipMultilineString("'''");
      else if (char === '"') this.readBasicString();
      else if (char === "'") this.readLiteralString();
      else if (char === '#') this.skipComment();
      else this.advance();
    }
  }

  private skipArray(path: KeyPath): void {
    this.advance();
    let index = 0;
    for (;;) {
      this.skipWhitespaceAndComments();
      if (this.atEnd()) return;
      const char = this.peek();
      if (char === ']') {
        this.advance();
        return;
      }
      if (char === ',') {
        this.advance();
        continue;
      }
      const before = this.position;
      const elementPath = [...path, index];
      this.record(elementPath, this.line);
      this.skipValue(elementPath);
      index++;
      if (this.position === before) this.advance();
    }
  }

  private skipInlineTable(path: KeyPath): void {
    this.advance();
    for (;;) {
      // Inline tables are one line in TOML 1.0; newlines are tolerated so a mistake cannot derail the scan.
      this.skipWhitespaceAndComments();
      if (this.atEnd()) return;
      const char = this.peek();
      if (char === '}') {
        this.advance();
        return;
      }
      if (char === ',') {
        this.advance();
        continue;
      }
      const before = this.position;
      this.readKeyValue(path);
      if (this.position === before) this.advance();
    }
  }
}

export function createLineLocator(text: string): LineLocator {
  const scanner = new TomlLineScanner(text);
  scanner.scan();
  const lines = scanner.lines;
  return (path) => lines.get(pathId(path));
}

/** The line of `path`, or of the closest enclosing table or key that has one. */
export function nearestLine(lineOf: LineLocator, path: KeyPath): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const line = lineOf(path.slice(0, length));
    if (line !== undefined) return line;
  }
  return undefined;
}
