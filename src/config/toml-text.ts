/**
 * The config file's text as the TOML parser is to see it, and the parse with every failure turned
 * into a ConfigError at file:line(:col).
 */
// node:fs/promises through `promises`, not imported by name: the bundle then loads it on first use,
// and a run with nothing to change, whose reads are synchronous, never does (docs/design/startup.md).
import { promises as fsp } from 'node:fs';
import TOML from '@iarna/toml';
import { errorCode, fileReadFailure } from '../messages.js';
import { ConfigError } from './problems.js';
import type { Table } from './tables.js';

export async function readConfigText(file: string): Promise<string> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (error) {
    const message =
      errorCode(error) === 'ENOENT'
        ? `config file not found: ${file} — create one with \`ddns config init\``
        : `cannot read config file ${file}: ${fileReadFailure(error)}`;
    throw new ConfigError([{ file, message }]);
  }
}

/**
 * The text as the parser is to see it. Notepad saves UTF-8 with a byte-order mark, which TOML has
 * no place for, and with CRLF line ends, which TOML allows wherever it allows LF but @iarna/toml 3
 * rejects at the end of a comment ("Control characters … are not allowed in comments"). Each CRLF
 * becomes LF: lines and columns stay where the user sees them, and a multi-line string holds LF
 * line breaks however the file was saved (TOML lets a parser normalise them). A CR that is not part
 * of a CRLF is left for the parser to judge as before, and so is the CRLF right after one, which
 * would otherwise turn that lone CR into a line end.
 */
export function configText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/(?<!\r)\r\n/g, '\n');
}

interface TomlSyntaxError {
  message: string;
  line: number;
  col: number;
}

function isTomlSyntaxError(error: unknown): error is TomlSyntaxError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string' &&
    'line' in error &&
    typeof error.line === 'number' &&
    'col' in error &&
    typeof error.col === 'number'
  );
}

/** True when parsing `text` fails with an error that carries no position (see parseToml). */
function failsWithoutPosition(text: string): boolean {
  try {
    TOML.parse(text);
    return false;
  } catch (error) {
    return !isTomlSyntaxError(error);
  }
}

/**
 * The 1-based line where the parser hits an error it reports without a position. The parser reads
 * front to back, so a prefix of the file fails that way exactly when it includes the bad line:
 * a binary search over prefixes finds it in a few parses.
 */
function lineOfPositionlessError(text: string): number | undefined {
  const lines = text.split('\n');
  if (!failsWithoutPosition(text)) return undefined;
  let low = 1;
  let high = lines.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsWithoutPosition(lines.slice(0, middle).join('\n'))) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function parseToml(text: string, file: string): Table {
  try {
    return TOML.parse(text);
  } catch (error) {
    if (!isTomlSyntaxError(error)) {
      // @iarna/toml throws a bare TypeError("Invalid Datetime") for dates like 2024-13-45, with no
      // position: still a config error (exit 2), never an internal one.
      const reason = error instanceof Error && error.message !== '' ? (error.message.split('\n')[0] ?? '') : 'unreadable TOML';
      const line = lineOfPositionlessError(text);
      const message = reason === 'Invalid Datetime' ? 'Invalid Datetime (not a real date or time)' : reason;
      throw new ConfigError([{ file, ...(line === undefined ? {} : { line }), message }]);
    }
    // @iarna/toml counts from 0 and appends a position and code frame, which we show as file:line:col instead.
    const firstLine = (error.message.split('\n')[0] ?? '').replace(/ at row \d+, col \d+, pos \d+:?$/, '').trim();
    throw new ConfigError([{ file, line: error.line + 1, column: error.col + 1, message: firstLine || 'invalid TOML' }]);
  }
}
