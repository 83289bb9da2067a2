import TOML from '@iarna/toml';
import { createLineLocator, nearestLine } from '../../src/config/lines.js';

/** Lines are given as an array so that the expected line numbers can be read off the index (+1). */
function doc(...lines: string[]): string {
  return lines.join('\n');
}

describe('createLineLocator', () => {
  const text = doc(
    '# [not_a_table] in a comment', //  1
    'top = "value # not a comment"', //  2
    '', //  3
    '[settings]', //  4
    'timeout = "10s" # trailing comment', //  5
    'a.b.c = 1', //  6
    '"quoted.key" = 2', //  7
    "'literal key' = 3", //  8
    'when = 1979-05-27 07:32:00Z', //  9
    'inline = { x = 1, y = { z = "}" } }', // 10
    'escaped = "a \\" [fake] b = 1"', // 11
    '', // 12
    '[ip.ipv4]', // 13
    'sources = [', // 14
    '  "https://api.ipify.org", # first', // 15
    '  # "commented out",', // 16
    '  "cloudflare-trace",', // 17
    '  "interface:eth0"', // 18
    ']', // 19
    'quorum = 2', // 20
    '', // 21
    '[[provider]]', // 22
    'name = "one"', // 23
    'notes = """', // 24
    '[[provider]]', // 25
    'name = "inside a string"', // 26
    '"""', // 27
    '', // 28
    '[[provider]]', // 29
    "script = '''", // 30
    'type = "not a key"', // 31
    "'''", // 32
    'name = "two"', // 33
    '', // 34
    '[provider.extra]', // 35
    'deep = true', // 36
    '', // 37
    '[[provider.zones]]', // 38
    'zone = "a.example"', // 39
    '[[provider.zones]]', // 40
    'zone = "b.example"', // 41
    '', // 42
    '  [ record . "odd name" ]', // 43
    'list = [{ k = 1 }, { k = 2 }]', // 44
  );
  const lineOf = createLineLocator(text);

  test('the fixture is valid TOML (the locator only ever sees parsed text)', () => {
    const parsed = TOML.parse(text);
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['top', 'settings', 'ip', 'provider', 'record']));
  });

  test('ignores brackets in comments and hashes in strings', () => {
    expect(lineOf(['not_a_table'])).toBeUndefined();
    expect(lineOf(['top'])).toBe(2);
  });

  test('finds keys in tables, including dotted, quoted and literal keys', () => {
    expect(lineOf(['settings'])).toBe(4);
    expect(lineOf(['settings', 'timeout'])).toBe(5);
    expect(lineOf(['settings', 'a'])).toBe(6);
    expect(lineOf(['settings', 'a', 'b', 'c'])).toBe(6);
    expect(lineOf(['settings', 'quoted.key'])).toBe(7);
    expect(lineOf(['settings', 'literal key'])).toBe(8);
    expect(lineOf(['settings', 'when'])).toBe(9);
  });

  test('follows inline tables and strings with escaped quotes', () => {
    expect(lineOf(['settings', 'inline', 'x'])).toBe(10);
    expect(lineOf(['settings', 'inline', 'y', 'z'])).toBe(10);
    expect(lineOf(['settings', 'escaped'])).toBe(11);
    expect(lineOf(['settings', 'fake'])).toBeUndefined();
    expect(lineOf(['settings', 'b'])).toBeUndefined();
  });

  test('gives each element of a multi-line array its own line and skips comments inside it', () => {
    expect(lineOf(['ip'])).toBe(13);
    expect(lineOf(['ip', 'ipv4'])).toBe(13);
    expect(lineOf(['ip', 'ipv4', 'sources'])).toBe(14);
    expect(lineOf(['ip', 'ipv4', 'sources', 0])).toBe(15);
    expect(lineOf(['ip', 'ipv4', 'sources', 1])).toBe(17);
    expect(lineOf(['ip', 'ipv4', 'sources', 2])).toBe(18);
    expect(lineOf(['ip', 'ipv4', 'sources', 3])).toBeUndefined();
    expect(lineOf(['ip', 'ipv4', 'quorum'])).toBe(20);
  });

  test('counts array tables and does not see headers or keys inside multi-line strings', () => {
    expect(lineOf(['provider'])).toBe(22);
    expect(lineOf(['provider', 0])).toBe(22);
    expect(lineOf(['provider', 0, 'name'])).toBe(23);
    expect(lineOf(['provider', 0, 'notes'])).toBe(24);
    expect(lineOf(['provider', 1])).toBe(29);
    expect(lineOf(['provider', 1, 'script'])).toBe(30);
    expect(lineOf(['provider', 1, 'type'])).toBeUndefined();
    expect(lineOf(['provider', 1, 'name'])).toBe(33);
    expect(lineOf(['provider', 2])).toBeUndefined();
  });

  test('resolves sub-tables and nested array tables to the last provider', () => {
    expect(lineOf(['provider', 1, 'extra'])).toBe(35);
    expect(lineOf(['provider', 1, 'extra', 'deep'])).toBe(36);
    expect(lineOf(['provider', 1, 'zones', 0])).toBe(38);
    expect(lineOf(['provider', 1, 'zones', 0, 'zone'])).toBe(39);
    expect(lineOf(['provider', 1, 'zones', 1, 'zone'])).toBe(41);
  });

  test('handles spaced and quoted header keys and arrays of inline tables', () => {
    expect(lineOf(['record', 'odd name'])).toBe(43);
    expect(lineOf(['record', 'odd name', 'list', 1, 'k'])).toBe(44);
  });
});

describe('createLineLocator on edge cases', () => {
  test('a multi-line basic string with an escaped delimiter inside', () => {
    const text = doc('a = """one \\""" two', '[fake]', 'still = "string" """', 'b = 1');
    expect(TOML.parse(text)).toHaveProperty('b', 1);
    const lineOf = createLineLocator(text);
    expect(lineOf(['fake'])).toBeUndefined();
    expect(lineOf(['b'])).toBe(4);
  });

  test('TOML 1.0 extra quotes before the closing delimiter stay inside the string', () => {
    // @iarna/toml (TOML 0.5) rejects this form, but the locator follows TOML 1.0 and must not lose its place.
    const lineOf = createLineLocator(doc('a = """x"""""', 'b = 1', "c = '''y''''", 'd = 2'));
    expect(lineOf(['b'])).toBe(2);
    expect(lineOf(['d'])).toBe(4);
  });

  test('nested arrays and arrays of inline tables', () => {
    const text = doc('matrix = [', '  [1, 2],', '  [', '    3,', '  ],', ']', 'tables = [ { k = "a" },', '  { k = "b" } ]');
    expect(TOML.parse(text)).toHaveProperty('tables');
    const lineOf = createLineLocator(text);
    expect(lineOf(['matrix', 0, 1])).toBe(2);
    expect(lineOf(['matrix', 1])).toBe(3);
    expect(lineOf(['matrix', 1, 0])).toBe(4);
    expect(lineOf(['tables', 0, 'k'])).toBe(7);
    expect(lineOf(['tables', 1, 'k'])).toBe(8);
  });

  test('CRLF line endings and a document without a final newline', () => {
    const lineOf = createLineLocator('[settings]\r\nretries = 3\r\n\r\n[[record]]\r\nname = "x"');
    expect(lineOf(['settings', 'retries'])).toBe(2);
    expect(lineOf(['record', 0, 'name'])).toBe(5);
  });

  test('never throws or loops on text it cannot follow', () => {
    const lineOf = createLineLocator('= = [ { "unterminated\n[[\n]]]\nkey = [1, 2\nafter = 1');
    expect(lineOf(['nothing'])).toBeUndefined();
  });

  test('nearestLine falls back to the enclosing table', () => {
    const lineOf = createLineLocator(doc('[[provider]]', 'name = "cf"', '', '[[provider]]', 'name = "other"'));
    expect(nearestLine(lineOf, ['provider', 1, 'api_token'])).toBe(4);
    expect(nearestLine(lineOf, ['provider', 0, 'name'])).toBe(2);
    expect(nearestLine(lineOf, ['missing', 'key'])).toBeUndefined();
  });
});
