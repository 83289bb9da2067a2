/**
 * The problems found in a config, each with its file:line, and the error that carries them all:
 * `ddns config validate` lists every one at once instead of making the user fix them one run at
 * a time.
 */
import type * as z from 'zod/mini';
import { nearestLine, type KeyPath, type LineLocator } from './lines.js';
import { formatKeyPath, unknownKeyMessage } from './messages.js';
import { escapeUnprintable } from '../text.js';

export interface ConfigProblem {
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based; only TOML syntax errors know it. */
  column?: number;
  /** The key as users read it, e.g. `record[2].proxied`. */
  key?: string;
  message: string;
}

/** `file:line:column: key: message`, leaving out the parts that are unknown. */
export function formatProblem(problem: ConfigProblem): string {
  let location = problem.file;
  if (problem.line !== undefined) {
    location += `:${problem.line}`;
    if (problem.column !== undefined) location += `:${problem.column}`;
  }
  return [location, problem.key, problem.message].filter((part) => part !== undefined).join(': ');
}

/** Longest problem message kept whole; a longer one (a provider schema echoing a long value) is cut. */
const MAX_MESSAGE_LENGTH = 200;

/**
 * Last line of defence for "one line per problem": whatever a message quotes from the file (keys,
 * names, paths, a provider schema's wording), no control character, line break or bidi mark
 * reaches the terminal or the log, and no message runs on for screens.
 */
function printable(problem: ConfigProblem): ConfigProblem {
  const message = escapeUnprintable(problem.message);
  return {
    ...problem,
    file: escapeUnprintable(problem.file),
    message: message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message,
    ...(problem.key === undefined ? {} : { key: escapeUnprintable(problem.key) }),
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    const safe = problems.map(printable);
    super(safe.map(formatProblem).join('\n'));
    this.problems = safe;
  }
}

/** Collects problems with their location; lines come from the locator, keys are formatted for users. */
export class ProblemList {
  readonly problems: ConfigProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly lineOf: LineLocator,
  ) {}

  /** In file order; problems without a line come last. */
  sorted(): ConfigProblem[] {
    return [...this.problems].sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  }

  add(keyPath: KeyPath, message: string): void {
    const problem: ConfigProblem = { file: this.file, message };
    const line = nearestLine(this.lineOf, keyPath);
    if (line !== undefined) problem.line = line;
    if (keyPath.length > 0) problem.key = formatKeyPath(keyPath);
    this.problems.push(problem);
  }

  /**
   * Records zod issues under `basePath`. `keyAlias` maps a validated key to the key actually
   * written in the file (a secret resolved from `api_token_env` is reported at `api_token_env`).
   */
  addIssues(
    basePath: KeyPath,
    issues: readonly z.core.$ZodIssue[],
    allowedKeys: readonly string[],
    keyAlias: ReadonlyMap<string, string> = new Map(),
  ): void {
    for (const issue of issues) {
      const issuePath = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
      const first = issuePath[0];
      if (typeof first === 'string') issuePath[0] = keyAlias.get(first) ?? first;
      const fullPath = [...basePath, ...issuePath];
      if (issue.code === 'unrecognized_keys') {
        // Suggestions only make sense against the keys of the table the unknown key sits in.
        const allowed = issuePath.length === 0 ? allowedKeys : [];
        for (const key of issue.keys) this.add([...fullPath, key], unknownKeyMessage(key, allowed));
      } else {
        this.add(fullPath, issue.message);
      }
    }
  }
}

/** Values shorter than this are not scrubbed: "***" for every "on" or "443" would garble the messages. */
const MIN_SCRUBBED_SECRET_LENGTH = 4;

/** The problems with every value that is or might be a secret replaced by `***`, longest first. */
export function scrubbed(problems: ConfigProblem[], sensitive: ReadonlySet<string>): ConfigProblem[] {
  const values = [...sensitive].filter((value) => value.length >= MIN_SCRUBBED_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return problems.map((problem) => {
    let message = problem.message;
    for (const value of values) message = message.split(value).join('***');
    return { ...problem, message };
  });
}
