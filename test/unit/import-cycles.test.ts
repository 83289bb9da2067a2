import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-root.js';

/**
 * The layering of src/, checked on two graphs: the compiled dist/src/**\/*.js, which is what
 * runs (type-only imports are gone, lazy `import()`s count), and src/**\/*.ts as written, where
 * an `import type` cycle still ties two modules together. Only relative specifiers are edges:
 * packages cannot import our modules back.
 */

const root = PACKAGE_ROOT ?? process.cwd();
const SOURCE_DIR = join(root, 'src');
const COMPILED_DIR = join(root, 'dist', 'src');

type Graph = Map<string, Set<string>>;

function filesBelow(dir: string, ending: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesBelow(path, ending);
    return entry.isFile() && entry.name.endsWith(ending) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Comments may quote an import; strings with `//` in them (URLs) must survive, so only whole comment lines and blocks go. */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const SPECIFIER_PATTERNS = [
  /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function relativeSpecifiers(code: string): string[] {
  const text = withoutComments(code);
  return SPECIFIER_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? '')).filter((specifier) => specifier.startsWith('.'));
}

/** `src/core/check.ts` and `dist/src/core/check.js` are both `core/check`. */
function moduleName(file: string, base: string): string {
  return relative(base, file).split(sep).join('/').replace(/\.(?:ts|js)$/, '');
}

/**
 * The import graph of the modules in `base` whose names end in `ending`. `keep` drops files that
 * are not modules of today's source (tsc never deletes the output of a removed .ts file).
 */
function importGraph(base: string, ending: '.ts' | '.js', keep: (name: string) => boolean): Graph {
  const files = filesBelow(base, ending).filter((file) => keep(moduleName(file, base)));
  const names = new Set(files.map((file) => moduleName(file, base)));
  const graph: Graph = new Map();
  for (const file of files) {
    const edges = new Set<string>();
    for (const specifier of relativeSpecifiers(readFileSync(file, 'utf8'))) {
      const target = moduleName(resolve(dirname(file), specifier), base);
      if (names.has(target)) edges.add(target);
    }
    graph.set(moduleName(file, base), edges);
  }
  return graph;
}

/** Tarjan's strongly connected components that hold a cycle (two modules or more, or one importing itself). */
function cyclicComponents(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.has(node)) components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** One concrete way round a component, `a → b → a`, for the failure message. */
function cycleThrough(component: readonly string[], graph: Graph): string {
  const members = new Set(component);
  const start = component[0] ?? '';
  const path = [start];
  const seen = new Set([start]);
  for (;;) {
    const current = path[path.length - 1] ?? start;
    const next = [...(graph.get(current) ?? [])].filter((node) => members.has(node)).sort();
    if (next.includes(start)) return [...path, start].join(' → ');
    const unseen = next.find((node) => !seen.has(node));
    if (unseen === undefined) return `${component.join(', ')} (one component)`;
    path.push(unseen);
    seen.add(unseen);
  }
}

function unexpectedCycles(graph: Graph): string[] {
  return cyclicComponents(graph).map((component) => cycleThrough(component, graph));
}

const inCli = (name: string) => name.startsWith('cli/');
/** Tests sit above every layer: a provider's CLI test may drive src/cli like a user would. */
const isTest = (name: string) => name.endsWith('.test');
/** What the CLI may use of src/providers/: what describes providers, never what speaks their wire protocol. */
const PROVIDER_FACADE = /^providers\/(?:registry|catalog|types|[a-z0-9]+\/metadata)$/;

/** Checked on the source graph, so a type-only import breaks a rule as much as a value import does. */
const LAYER_RULES: readonly { rule: string; from: (name: string) => boolean; forbidden: (name: string) => boolean }[] = [
  { rule: 'keeps the CLI on top: no module outside src/cli imports one inside it', from: (name) => !inCli(name), forbidden: inCli },
  { rule: 'doctor does not import the CLI', from: (name) => name.startsWith('doctor/'), forbidden: inCli },
  { rule: 'no provider folder imports the CLI', from: (name) => /^providers\/[^/]+\//.test(name), forbidden: inCli },
  {
    rule: "the CLI imports no provider's wire modules (only registry, catalog, types and metadata)",
    from: inCli,
    forbidden: (name) => name.startsWith('providers/') && !PROVIDER_FACADE.test(name),
  },
];

/** The imports from a `from` module to a `forbidden` one, as `a → b`; test files are exempt. */
function edgesBreaking(graph: Graph, from: (name: string) => boolean, forbidden: (name: string) => boolean): string[] {
  return [...graph.entries()]
    .filter(([name]) => from(name) && !isTest(name))
    .flatMap(([name, targets]) => [...targets].filter(forbidden).map((target) => `${name} → ${target}`))
    .sort();
}

const sourceGraph = importGraph(SOURCE_DIR, '.ts', () => true);
const compiledGraph = importGraph(COMPILED_DIR, '.js', (name) => sourceGraph.has(name));

describe('import layering of src/', () => {
  it('finds the modules (the graphs are not empty)', () => {
    expect(sourceGraph.size).toBeGreaterThan(50);
    expect(compiledGraph.size).toBe(sourceGraph.size);
    expect(compiledGraph.get('cli/check-command')?.has('core/check')).toBe(true);
  });

  it('has no import cycle in the compiled modules (static imports, re-exports and lazy import())', () => {
    expect(unexpectedCycles(compiledGraph)).toEqual([]);
  });

  it('has no import cycle in the sources, type-only imports included', () => {
    expect(unexpectedCycles(sourceGraph)).toEqual([]);
  });

  it.each(LAYER_RULES)('$rule', ({ from, forbidden }) => {
    expect(edgesBreaking(sourceGraph, from, forbidden)).toEqual([]);
  });

  it('would catch a break: a cycle is named the way round it goes, a forbidden import as from → to', () => {
    // The rules above pass on a clean tree, which proves nothing unless they can fail.
    expect(sourceGraph.get('cli/providers-command')?.has('providers/registry')).toBe(true);
    const broken: Graph = new Map([
      ['cli/main', new Set(['core/check', 'providers/cloudflare/client'])],
      ['core/check', new Set(['notify/run'])],
      ['notify/run', new Set(['core/check'])],
      ['doctor/runner', new Set(['cli/io'])],
      ['providers/cloudflare/client', new Set<string>()],
      ['cli/io', new Set<string>()],
    ]);
    expect(unexpectedCycles(broken)).toEqual(['core/check → notify/run → core/check']);
    const rule = (name: string) => LAYER_RULES.find((candidate) => candidate.rule.startsWith(name));
    const cliOnTop = rule('keeps the CLI on top');
    const wire = rule("the CLI imports no provider's wire");
    expect(cliOnTop && edgesBreaking(broken, cliOnTop.from, cliOnTop.forbidden)).toEqual(['doctor/runner → cli/io']);
    expect(wire && edgesBreaking(broken, wire.from, wire.forbidden)).toEqual(['cli/main → providers/cloudflare/client']);
  });

});
