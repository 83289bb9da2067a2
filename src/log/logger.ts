import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogLevel } from '../config/types.js';
import { redact } from './redact.js';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const LABEL: Record<LogLevel, string> = { error: 'ERROR', warn: 'WARN ', info: 'INFO ', debug: 'DEBUG' };

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export interface ConsoleSink {
  level: LogLevel;
  write(line: string): void;
}

export interface FileSink {
  path: string;
  level: LogLevel;
  /** Rotate when the file would grow past this size. */
  maxBytes?: number;
  /** How many rotated files (`ddns.log.1` …) to keep. */
  keep?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_KEEP = 3;

/**
 * Writes each message, redacted, to the console and to a size-rotated log file. Writes are
 * synchronous appends: a run is short, and a line must be on disk even if the run is killed.
 * A log file that cannot be written never fails the run: the first failure is reported once.
 */
export function createLogger(consoleSink: ConsoleSink | undefined, fileSink?: FileSink): Logger {
  let fileBroken = false;

  function rotateIfNeeded(sink: FileSink, incoming: number): void {
    const maxBytes = sink.maxBytes ?? DEFAULT_MAX_BYTES;
    let size = 0;
    try {
      size = statSync(sink.path).size;
    } catch {
      return;
    }
    if (size + incoming <= maxBytes) return;
    const keep = sink.keep ?? DEFAULT_KEEP;
    for (let index = keep - 1; index >= 1; index--) {
      try {
        renameSync(`${sink.path}.${index}`, `${sink.path}.${index + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(sink.path, `${sink.path}.1`);
  }

  function writeFile(level: LogLevel, message: string): void {
    if (!fileSink || fileBroken || RANK[level] > RANK[fileSink.level]) return;
    const line = `${new Date().toISOString()} ${LABEL[level]} ${message}\n`;
    try {
      mkdirSync(dirname(fileSink.path), { recursive: true, mode: 0o700 });
      rotateIfNeeded(fileSink, Buffer.byteLength(line));
      appendFileSync(fileSink.path, line, { mode: 0o600 });
    } catch (error) {
      fileBroken = true;
      consoleSink?.write(`warning: cannot write the log file ${fileSink.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }

  function log(level: LogLevel, raw: string): void {
    const message = redact(raw);
    if (consoleSink && RANK[level] <= RANK[consoleSink.level]) {
      consoleSink.write(level === 'info' ? message : `${level}: ${message}`);
    }
    writeFile(level, message);
  }

  return {
    error: (message) => log('error', message),
    warn: (message) => log('warn', message),
    info: (message) => log('info', message),
    debug: (message) => log('debug', message),
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };
