import { plainCheckOptions } from '../../src/cli/check-command.js';
import { main } from '../../src/cli/main.js';

const argv = (...args: string[]) => ['node', 'ddns', ...args];

/**
 * src/cli/main.ts sends the plain `ddns check` of a scheduled run straight to the check, and every
 * other command line to commander: the short path must read what commander would, and must hand
 * over anything it is not sure of, so that help and error messages stay commander's.
 */
describe('the plain ddns check command line', () => {
  it.each([
    [['check'], {}],
    [['check', '--config', '/etc/ddns/config.toml'], { config: '/etc/ddns/config.toml' }],
    [['check', '-c', 'C:\\ProgramData\\ddns\\config.toml'], { config: 'C:\\ProgramData\\ddns\\config.toml' }],
    [['check', '--config=/tmp/a b.toml', '--json'], { config: '/tmp/a b.toml', json: true }],
    [['check', '--dry-run', '--force', '-v'], { dryRun: true, force: true, verbose: true }],
    [['check', '--quiet', '--config', 'x.toml'], { quiet: true, config: 'x.toml' }],
    [['check', '-q', '--verbose'], { quiet: true, verbose: true }],
  ])('%j → %j', (args, options) => {
    expect(plainCheckOptions(argv(...args))).toEqual(options);
  });

  it.each([
    [[]],
    [['status']],
    [['check', '--help']],
    [['check', '-h']],
    [['check', '--config']],
    [['check', '-c', '--json']],
    [['check', '--config=']],
    [['check', '--config', 'a.toml', '--config', 'b.toml']],
    [['check', '--json', '--json']],
    [['check', '-vq']],
    [['check', '--cnofig', 'a.toml']],
    [['check', 'extra']],
    [['check', '--', '--json']],
    [['--config', 'a.toml', 'check']],
  ])('%j goes to the full parser', (args) => {
    expect(plainCheckOptions(argv(...args))).toBeUndefined();
  });

  it('a command line the short path hands over gets commander\'s own message and exit 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv('check', '--cnofig', 'a.toml'), { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env: {} });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/unknown option '--cnofig'/);
  });
});
