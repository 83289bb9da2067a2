import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log/logger.js';
import { clearSecrets, registerSecrets } from '../../src/log/redact.js';

describe('logger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-log-'));
  });
  afterEach(async () => {
    clearSecrets();
    await rm(dir, { recursive: true, force: true });
  });

  it('filters by level per sink and redacts secrets', async () => {
    registerSecrets(['token-abcdef']);
    const consoleLines: string[] = [];
    const path = join(dir, 'logs', 'ddns.log');
    const logger = createLogger({ level: 'warn', write: (line) => consoleLines.push(line) }, { path, level: 'info' });
    logger.debug('debug line');
    logger.info('updated a.example.com');
    logger.warn('careful');
    logger.error('failed with token-abcdef');
    expect(consoleLines).toEqual(['warn: careful', 'error: failed with ***']);
    const file = await readFile(path, 'utf8');
    expect(file).toMatch(/^\d{4}-\d\d-\d\dT.*Z INFO {2}updated a\.example\.com$/m);
    expect(file).toMatch(/ERROR failed with \*\*\*$/m);
    expect(file).not.toMatch(/debug line|token-abcdef/);
  });

  it('rotates by size and keeps a bounded number of files', async () => {
    const path = join(dir, 'ddns.log');
    const logger = createLogger(undefined, { path, level: 'info', maxBytes: 200, keep: 2 });
    for (let index = 0; index < 40; index++) logger.info(`line ${index} ${'x'.repeat(40)}`);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['ddns.log', 'ddns.log.1', 'ddns.log.2']);
    expect(await readFile(path, 'utf8')).toContain('line 39');
    for (const file of files) expect((await readFile(join(dir, file))).length).toBeLessThanOrEqual(200);
  });

  it('reports an unwritable log file once and keeps going', async () => {
    const consoleLines: string[] = [];
    const notADirectory = join(dir, 'plain-file');
    await writeFile(notADirectory, 'x');
    const logger = createLogger({ level: 'error', write: (line) => consoleLines.push(line) }, { path: join(notADirectory, 'x.log'), level: 'info' });
    logger.info('one');
    logger.info('two');
    expect(consoleLines.filter((line) => line.includes('cannot write the log file'))).toHaveLength(1);
  });
});
