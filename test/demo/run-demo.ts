/**
 * `npm run demo`: the real `ddns check` against a local fake Cloudflare API and a local IP echo
 * service, both on 127.0.0.1. Create, then unchanged, then an IP change, then `ddns status`.
 * Nothing leaves this machine.
 */
import { readFile } from 'node:fs/promises';
import { startScenario, SECOND_IP } from '../helpers/scenario.js';
import type { CliResult } from '../helpers/cli.js';

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

function show(title: string, command: string, result: CliResult): void {
  console.log(`\n${bold(`## ${title}`)}`);
  console.log(`$ ${command}`);
  if (result.stdout.trim()) console.log(result.stdout.trimEnd());
  if (result.stderr.trim()) console.log(result.stderr.trimEnd());
  console.log(`(exit ${result.exitCode})`);
}

async function main(): Promise<number> {
  const scenario = await startScenario({ records: [{ name: 'home.example.com' }, { name: 'vpn.example.com', extra: 'ttl = 120' }] });
  const failures: string[] = [];
  const expect = (condition: boolean, what: string) => {
    if (!condition) failures.push(what);
  };
  try {
    console.log(bold('ddns demo: a fake Cloudflare API and a fake "what is my IP" service on 127.0.0.1'));
    console.log(`config: ${scenario.configPath}`);
    console.log((await readFile(scenario.configPath, 'utf8')).replace(scenario.token, '<token>').trim().replace(/^/gm, '  '));

    const command = `ddns check --config ${scenario.configPath}`;
    let result = await scenario.check();
    show(`1. first run: the public IP is ${scenario.ipv4.current}, the records do not exist yet`, command, result);
    expect(result.exitCode === 0 && scenario.cloudflare.records().length === 2, 'first run creates both records');

    const writesBefore = scenario.cloudflare.server.writes().length;
    const requestsBefore = scenario.cloudflare.server.requests.length;
    result = await scenario.check();
    show('2. second run: nothing changed, so nothing is sent to Cloudflare', command, result);
    const requests = scenario.cloudflare.server.requests.length - requestsBefore;
    console.log(`(Cloudflare saw ${requests} request${requests === 1 ? '' : 's'} during this run)`);
    expect(result.exitCode === 0 && requests === 0, 'second run sends nothing');

    scenario.ipv4.current = SECOND_IP;
    result = await scenario.check();
    show(`3. the ISP hands out a new address, ${SECOND_IP}: both records follow`, command, result);
    const writes = scenario.cloudflare.server.writes().length - writesBefore;
    expect(result.exitCode === 0 && writes === 2, 'third run updates both records');
    expect(scenario.cloudflare.records().every((record) => record.content === SECOND_IP), 'records hold the new address');

    result = await scenario.run(['status', '--config', scenario.configPath]);
    show('4. ddns status', `ddns status --config ${scenario.configPath}`, result);

    console.log(`\n${bold('Records now held by the fake Cloudflare:')}`);
    for (const record of scenario.cloudflare.records()) console.log(`  ${record.name} ${record.type} ${record.content} ttl=${record.ttl}`);
  } finally {
    await scenario.close();
  }
  if (failures.length > 0) {
    console.error(`\ndemo FAILED: ${failures.join('; ')}`);
    return 1;
  }
  console.log(`\n${bold('demo ok')}: created, left alone, updated. Run \`npm test\` for the whole suite.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
