import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOT_YET_CONVERTED } from '../helpers/conformance.js';

/**
 * The documentation holds together: every relative Markdown link in README.md, CONTRIBUTING.md
 * and docs/**\/*.md reaches a file of the repository (and its #anchor a heading there); nothing in
 * src/, scripts/, docs/, the README or CONTRIBUTING points outside the repository; and the README,
 * which is for users, stays under 20 KB with the two commands that work on a fresh machine first.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));
const README_LIMIT = 20 * 1024;
/** Spelled in two parts so that this file does not itself hold what it looks for. */
const OUTSIDE = ['..', '/work'].map((prefix) => `${prefix}/shared`);

async function filesUnder(dir: string, keep: (path: string) => boolean): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await filesUnder(path, keep)));
    else if (keep(path)) files.push(path);
  }
  return files.sort();
}

const markdownFiles = ['README.md', 'CONTRIBUTING.md', ...(await filesUnder('docs', (path) => path.endsWith('.md')))];

/** The text outside fenced code blocks and inline code, where a `[x](y)` is a link. */
function prose(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/``[^`]*``|`[^`\n]*`/g, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2 … */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const match of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const slug = (match[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1] ?? '');
  return anchors;
}

interface Link {
  file: string;
  target: string;
}

function linksOf(file: string, markdown: string): Link[] {
  const text = prose(markdown);
  const targets = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? ''),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((match) => match[1] ?? ''),
  ];
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target)).map((target) => ({ file, target }));
}

/** A provider page that `npm run generate` does not write yet, because its folder is not converted. */
function pendingProviderPage(path: string): boolean {
  const match = /^docs\/providers\/([a-z0-9]+)(?:-[a-z0-9]+)?\.md$/.exec(path);
  return match !== null && NOT_YET_CONVERTED.has(match[1] ?? '');
}

const texts = new Map(await Promise.all(markdownFiles.map(async (file) => [file, await readFile(join(ROOT, file), 'utf8')] as const)));
const links = [...texts].flatMap(([file, markdown]) => linksOf(file, markdown));

async function problemOf(link: Link): Promise<string | undefined> {
  const [rawPath = '', anchor] = link.target.split('#', 2);
  const path = decodeURIComponent(rawPath);
  const resolved = path === '' ? join(ROOT, link.file) : join(ROOT, dirname(link.file), path);
  const inRepo = relative(ROOT, resolved).split(sep).join('/');
  if (inRepo.startsWith('../') || inRepo === '..') return `${link.target}: outside the repository`;
  if (!existsSync(resolved)) return pendingProviderPage(inRepo) ? undefined : `${link.target}: ${inRepo} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  if (!inRepo.endsWith('.md') || (await stat(resolved)).isDirectory()) return undefined;
  const markdown = texts.get(inRepo) ?? (await readFile(resolved, 'utf8'));
  return anchorsOf(markdown).has(anchor) ? undefined : `${link.target}: ${inRepo} has no heading #${anchor}`;
}

describe('documentation links', () => {
  it('finds the documents and their links', () => {
    expect(markdownFiles).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/configuration.md', 'docs/design/run-contract.md']));
    expect(links.length).toBeGreaterThan(50);
  });

  it.each(markdownFiles)('every relative link in %s reaches an existing file and heading', async (file) => {
    const problems = (await Promise.all(links.filter((link) => link.file === file).map(problemOf))).filter((problem) => problem !== undefined);
    expect(problems).toEqual([]);
  });

  it('sees through code: a link inside `code` or a fence is not checked, a heading in a fence is no anchor', () => {
    expect(linksOf('x.md', 'a `[x](missing.md)` b\n```\n[y](missing.md)\n```\n[z](real.md#top)')).toEqual([{ file: 'x.md', target: 'real.md#top' }]);
    expect([...anchorsOf('# What it is\n## `[ip.ipv4]` and `[ip.ipv6]`\n## Detection rounds: how long (`detect_wait`)\n## Files\n## Files\n```\n# not a heading\n```')]).toEqual([
      'what-it-is',
      'ipipv4-and-ipipv6',
      'detection-rounds-how-long-detect_wait',
      'files',
      'files-1',
    ]);
  });
});

describe('nothing points outside the repository', () => {
  // TRANSITION (issue 14): a provider folder still being converted (NOT_YET_CONVERTED) may still
  // name the notes it was written from; its conversion replaces them with its WIRE.md.
  const pending = (path: string) => [...NOT_YET_CONVERTED].some((type) => path.startsWith(`src/providers/${type}/`));
  it('no file in src/, scripts/, docs/, README.md or CONTRIBUTING.md names a folder beside the repository', async () => {
    const files = [
      'README.md',
      'CONTRIBUTING.md',
      ...(await filesUnder('docs', () => true)),
      ...(await filesUnder('scripts', () => true)),
      ...(await filesUnder('src', (path) => !pending(path))),
    ];
    expect(files.length).toBeGreaterThan(100);
    const offenders: string[] = [];
    for (const file of files) {
      const lines = (await readFile(join(ROOT, file), 'utf8')).split('\n');
      lines.forEach((line, index) => {
        if (OUTSIDE.some((needle) => line.includes(needle))) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

describe('README.md', () => {
  const readme = texts.get('README.md') ?? '';
  it(`is at most ${README_LIMIT} bytes (details belong in docs/)`, () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(README_LIMIT);
  });

  it('opens with the two commands that work on a fresh machine: npm install && npm run demo, and npm test', () => {
    const beforeFirstSection = readme.slice(0, readme.indexOf('\n## '));
    const firstBlock = /```[a-z]*\n([\s\S]*?)```/.exec(beforeFirstSection)?.[1] ?? '';
    expect(firstBlock.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean)).toEqual(['npm install && npm run demo', 'npm test']);
  });
});
