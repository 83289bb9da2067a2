import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Runner } from '../../src/scheduler/runner.js';
import { recordingRunner, type Call, type Reply } from '../helpers/recording-runner.js';
import { parseTaskInterval } from '../../src/scheduler/interval.js';
import { removeTask, setupTask, taskStatus } from '../../src/scheduler/setup.js';
import type { SchedulerContext, TaskSpec } from '../../src/scheduler/types.js';
import {
  declareXmlEncoding,
  decodeTaskResult,
  encodeTaskXml,
  NOT_ELEVATED,
  parseSchtasksVerboseCsv,
  quoteWindowsArgument,
  recoverWindowsTask,
  renderWindowsTaskXml,
  taskXmlDifferences,
  windowsExec,
} from '../../src/scheduler/windows.js';

// Paths with spaces, non-ASCII letters and the XML specials a Windows path can hold (& and ').
const NODE = 'C:\\Program Files\\nodejs\\node.exe';
const SCRIPT = 'C:\\Users\\Jörg Müller\\AppData\\Roaming\\npm\\node_modules\\ddns\\bin\\ddns.js';
const CONFIG = "C:\\ProgramData\\ddns & Co\\Jörg's config.toml";
const INVOCATION = { executable: NODE, script: SCRIPT };
const EXPECTED_COMMAND = `"${NODE}"`;
const EXPECTED_ARGUMENTS = `"${SCRIPT}" check --config "${CONFIG}"`;

function spec(overrides: Partial<TaskSpec> = {}): TaskSpec {
  return { name: 'ddns', interval: parseTaskInterval('5m'), configPath: CONFIG, invocation: INVOCATION, ...overrides };
}

const orderedParser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, ignoreDeclaration: true, parseTagValue: false, trimValues: true });
const plainParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', ignoreDeclaration: true, parseTagValue: false });

type Ordered = Record<string, unknown>[];

/** Child element names in document order at a path of element names (comments and text left out). */
function childOrder(xml: string, path: string[]): string[] {
  let nodes = orderedParser.parse(xml) as Ordered;
  for (const name of path) {
    const node = nodes.find((candidate) => name in candidate);
    if (!node) throw new Error(`no <${name}>`);
    nodes = node[name] as Ordered;
  }
  return nodes.flatMap((node) => Object.keys(node).filter((key) => key !== ':@' && key !== '#text' && key !== '#comment'));
}

type Tree = { [key: string]: Tree | string | undefined };
function task(xml: string): Tree {
  return (plainParser.parse(xml) as { Task: Tree }).Task;
}
function at(tree: Tree, ...path: string[]): Tree | string | undefined {
  let node: Tree | string | undefined = tree;
  for (const key of path) node = typeof node === 'object' ? node[key] : undefined;
  return node;
}

describe('Windows task XML', () => {
  it('is well-formed, declares UTF-16 and has the elements in the schema order', async () => {
    const xml = await renderWindowsTaskXml(spec());
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-16"?>')).toBe(true);
    expect(childOrder(xml, ['Task'])).toEqual(['RegistrationInfo', 'Triggers', 'Principals', 'Settings', 'Actions']);
    expect(childOrder(xml, ['Task', 'Triggers'])).toEqual(['BootTrigger', 'TimeTrigger']);
    // triggerBaseType is a sequence: Enabled, StartBoundary, EndBoundary, Repetition, ExecutionTimeLimit; then the trigger's own.
    expect(childOrder(xml, ['Task', 'Triggers', 'BootTrigger'])).toEqual(['Enabled', 'Delay']);
    expect(childOrder(xml, ['Task', 'Triggers', 'TimeTrigger'])).toEqual(['Enabled', 'StartBoundary', 'Repetition']);
    // The documented settingsType order, restricted to the elements ddns writes.
    const documented = [
      'AllowStartOnDemand', 'RestartOnFailure', 'MultipleInstancesPolicy', 'DisallowStartIfOnBatteries', 'StopIfGoingOnBatteries',
      'AllowHardTerminate', 'StartWhenAvailable', 'NetworkProfileName', 'RunOnlyIfNetworkAvailable', 'WakeToRun', 'Enabled', 'Hidden',
      'DeleteExpiredTaskAfter', 'IdleSettings', 'NetworkSettings', 'ExecutionTimeLimit', 'Priority', 'RunOnlyIfIdle',
    ];
    const settings = childOrder(xml, ['Task', 'Settings']);
    expect(settings).toEqual(documented.filter((name) => settings.includes(name)));
    expect(childOrder(xml, ['Task', 'Actions', 'Exec'])).toEqual(['Command', 'Arguments']);
  });

  it('holds every element the task needs: boot + endless repetition, SYSTEM, settings, the Exec action', async () => {
    const xml = await renderWindowsTaskXml(spec());
    const root = task(xml);
    expect(at(root, '@version')).toBe('1.2');
    expect(at(root, '@xmlns')).toBe('http://schemas.microsoft.com/windows/2004/02/mit/task');
    expect(at(root, 'Triggers', 'BootTrigger', 'Delay')).toBe('PT1M');
    expect(at(root, 'Triggers', 'TimeTrigger', 'Repetition', 'Interval')).toBe('PT5M');
    // No Duration: the repetition never ends.
    expect(at(root, 'Triggers', 'TimeTrigger', 'Repetition', 'Duration')).toBeUndefined();
    expect(at(root, 'Triggers', 'TimeTrigger', 'StartBoundary')).toBe('2000-01-01T00:00:00');
    expect(at(root, 'Principals', 'Principal', 'UserId')).toBe('S-1-5-18');
    expect(at(root, 'Principals', 'Principal', 'RunLevel')).toBe('HighestAvailable');
    expect(at(root, 'Principals', 'Principal', 'LogonType')).toBeUndefined();
    expect(at(root, 'Principals', 'Principal', '@id')).toBe('Author');
    expect(at(root, 'Actions', '@Context')).toBe('Author');
    expect(at(root, 'Settings', 'MultipleInstancesPolicy')).toBe('IgnoreNew');
    expect(at(root, 'Settings', 'DisallowStartIfOnBatteries')).toBe('false');
    expect(at(root, 'Settings', 'StopIfGoingOnBatteries')).toBe('false');
    expect(at(root, 'Settings', 'StartWhenAvailable')).toBe('true');
    expect(at(root, 'Settings', 'AllowStartOnDemand')).toBe('true');
    expect(at(root, 'Settings', 'ExecutionTimeLimit')).toBe('PT10M');
    expect(at(root, 'Actions', 'Exec', 'Command')).toBe(EXPECTED_COMMAND);
    expect(at(root, 'Actions', 'Exec', 'Arguments')).toBe(EXPECTED_ARGUMENTS);
  });

  it('XML-escapes & < > " \' in paths and reads them back unchanged', async () => {
    const odd = { executable: 'D:\\<tools> & more\\node.exe', script: "D:\\it's <ddns> & co\\bin\\ddns.js" };
    const xml = await renderWindowsTaskXml(spec({ invocation: odd }));
    const raw = /<Arguments>(.*)<\/Arguments>/.exec(xml)?.[1] ?? '';
    expect(raw).toBe('&quot;D:\\it&apos;s &lt;ddns&gt; &amp; co\\bin\\ddns.js&quot; check --config &quot;C:\\ProgramData\\ddns &amp; Co\\Jörg&apos;s config.toml&quot;');
    expect(/<Command>(.*)<\/Command>/.exec(xml)?.[1]).toBe('&quot;D:\\&lt;tools&gt; &amp; more\\node.exe&quot;');
    expect(XMLValidator.validate(xml)).toBe(true);
    const root = task(xml);
    expect(at(root, 'Actions', 'Exec', 'Arguments')).toBe(`"${odd.script}" check --config "${CONFIG}"`);
    expect(at(root, 'Actions', 'Exec', 'Command')).toBe(`"${odd.executable}"`);
  });

  it('writes UTF-16 LE bytes with a BOM and CRLF line ends', async () => {
    const xml = await renderWindowsTaskXml(spec());
    const bytes = encodeTaskXml(xml);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    // "<?" in UTF-16 LE.
    expect([...bytes.subarray(2, 6)]).toEqual([0x3c, 0x00, 0x3f, 0x00]);
    const decoded = bytes.subarray(2).toString('utf16le');
    expect(decoded).toBe(xml.replace(/\n/g, '\r\n'));
    expect(decoded).toContain('Jörg Müller');
    expect(bytes.length).toBe(2 + decoded.length * 2);
  });

  it('declares the encoding it is written in: UTF-16 for schtasks, UTF-8 where it is shown as text', async () => {
    const xml = await renderWindowsTaskXml(spec());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-16"?>\n')).toBe(true);
    const utf8 = declareXmlEncoding(xml, 'UTF-8');
    expect(utf8.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(utf8.slice(utf8.indexOf('\n'))).toBe(xml.slice(xml.indexOf('\n')));
    expect(declareXmlEncoding("<?xml version='1.0' encoding='utf-8' standalone='yes'?><a/>", 'UTF-16')).toBe("<?xml version='1.0' encoding='UTF-16' standalone='yes'?><a/>");
    expect(() => declareXmlEncoding('<Task/>', 'UTF-8')).toThrow(/declaration that names its encoding/);
    // Whatever declaration the text had, the UTF-16 bytes say UTF-16.
    expect(encodeTaskXml(utf8).subarray(2).toString('utf16le')).toBe(xml.replace(/\n/g, '\r\n'));
  });

  it.each([
    ['90s', 'PT1M30S'],
    ['1h', 'PT1H'],
    ['1h30m', 'PT1H30M'],
    ['2d', 'P2D'],
  ])('turns --interval %s into the ISO 8601 duration %s', async (interval, iso) => {
    const root = task(await renderWindowsTaskXml(spec({ interval: parseTaskInterval(interval) })));
    expect(at(root, 'Triggers', 'TimeTrigger', 'Repetition', 'Interval')).toBe(iso);
  });

  it('quotes each path once for the command line, and refuses what Windows cannot carry', () => {
    expect(windowsExec(INVOCATION, CONFIG)).toEqual({ command: EXPECTED_COMMAND, arguments: EXPECTED_ARGUMENTS });
    expect(windowsExec({ executable: 'C:\\ddns\\ddns.exe' }, CONFIG)).toEqual({
      command: '"C:\\ddns\\ddns.exe"',
      arguments: `check --config "${CONFIG}"`,
    });
    expect(quoteWindowsArgument('C:\\dir\\')).toBe('"C:\\dir\\\\"');
    expect(() => quoteWindowsArgument('C:\\a"b')).toThrow(/quote or a control character/);
    expect(() => quoteWindowsArgument('C:\\a\nb')).toThrow(/quote or a control character/);
  });
});

describe('Windows setup-task, remove-task', () => {
  let dir: string;
  let said: string[];
  let warned: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-win-'));
    said = [];
    warned = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function context(runner: Runner, overrides: Partial<SchedulerContext> = {}): SchedulerContext {
    return {
      runner,
      hostPlatform: 'win32',
      env: {},
      invocation: INVOCATION,
      tempDir: dir,
      say: (line) => said.push(line),
      warn: (line) => warned.push(line),
      systemdRunning: () => false,
      uptimeSeconds: async () => undefined,
      now: () => new Date('2026-11-23T10:00:00Z'),
      ...overrides,
    };
  }

  /** setup-task needs the config to exist: a real file, in a folder with a space, an ampersand and non-ASCII letters. */
  async function request() {
    const configDir = join(dir, 'ddns & Co');
    await mkdir(configDir, { recursive: true });
    const configPath = join(configDir, "Jörg's config.toml");
    await writeFile(configPath, '# test\n');
    return { platform: 'windows' as const, name: 'ddns', interval: '5m', configPath };
  }

  it('checks elevation, imports the UTF-16 XML with schtasks, hardens the config with icacls and registers the event source', async () => {
    let imported: Buffer | undefined;
    let importedPath = '';
    const { runner, calls } = recordingRunner({
      'schtasks /Create': async (call) => {
        importedPath = call.args[2] ?? '';
        imported = await readFile(importedPath);
        return { stdout: 'SUCCESS: The scheduled task "ddns" has successfully been created.' };
      },
    });
    const req = await request();
    await setupTask(req, context(runner));
    expect(calls).toEqual([
      { file: 'fltmc', args: [] },
      { file: 'schtasks', args: ['/Create', '/XML', importedPath, '/TN', 'ddns', '/F'] },
      { file: 'icacls', args: [req.configPath, '/inheritance:r', '/grant:r', '*S-1-5-18:F', '*S-1-5-32-544:F'] },
      {
        file: 'eventcreate',
        args: ['/L', 'APPLICATION', '/SO', 'ddns', '/T', 'INFORMATION', '/ID', '1', '/D', `scheduled task "ddns" installed by ddns setup-task: every 5m, config ${req.configPath}`],
      },
    ]);
    expect(importedPath.startsWith(join(dir, 'ddns-task-'))).toBe(true);
    expect(importedPath.endsWith(`${'ddns'}.xml`)).toBe(true);
    // The temporary XML is gone once schtasks has read it.
    expect(existsSync(dirname(importedPath))).toBe(false);
    expect([...(imported ?? Buffer.alloc(0)).subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const xml = (imported ?? Buffer.alloc(0)).subarray(2).toString('utf16le');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(at(task(xml), 'Actions', 'Exec', 'Arguments')).toBe(`"${SCRIPT}" check --config "${req.configPath}"`);
    expect(said.join('\n')).toMatch(/created scheduled task "ddns": at boot \(after 1m\) and every 5m, as SYSTEM/);
    expect(said.join('\n')).toContain(`config ${req.configPath}: inherited access removed; full control for SYSTEM and Administrators only`);
    expect(said.join('\n')).toContain('schtasks /Run /TN ddns');
    expect(warned).toEqual([]);
  });

  it('stops with "run from an elevated prompt" before touching anything when not elevated', async () => {
    const { runner, calls } = recordingRunner({ fltmc: { exitCode: 1, stdout: 'Sie verfügen nicht über ausreichende Berechtigungen.' } });
    await expect(setupTask(await request(), context(runner))).rejects.toThrow(NOT_ELEVATED);
    expect(calls.map((call) => call.file)).toEqual(['fltmc']);
    expect(NOT_ELEVATED).toMatch(/elevated prompt .*Run as administrator/);
  });

  it('maps schtasks failures to one line: access denied, and anything else with its own message', async () => {
    const denied = recordingRunner({ 'schtasks /Create': { exitCode: 1, stderr: 'ERROR: Access is denied.\r\n' } });
    await expect(setupTask(await request(), context(denied.runner))).rejects.toThrow(`could not create the task "ddns": ${NOT_ELEVATED}`);
    expect(denied.calls.map((call) => call.file)).toEqual(['fltmc', 'schtasks']);

    const invalid = recordingRunner({ 'schtasks /Create': { exitCode: 1, stderr: 'ERROR: The task XML contains a value which is incorrectly formatted or out of range.\r\n(43,4):Task:\r\n' } });
    await expect(setupTask(await request(), context(invalid.runner))).rejects.toThrow(
      'could not create the task "ddns": `schtasks /Create /XML` failed (exit 1): ERROR: The task XML contains a value which is incorrectly formatted or out of range.',
    );
  });

  it('says how to harden the config by hand when icacls fails, and carries on when eventcreate fails', async () => {
    const icacls = recordingRunner({ icacls: { exitCode: 5, stderr: 'C:\\x: Access is denied.' } });
    const req = await request();
    expect(req.configPath).toContain(join('ddns & Co', "Jörg's config.toml"));
    await expect(setupTask(req, context(icacls.runner))).rejects.toThrow(
      `the task is installed, but the config file's access could not be restricted: \`icacls ${req.configPath} /inheritance:r\` failed (exit 5): C:\\x: Access is denied.; run: icacls "${req.configPath}" /inheritance:r /grant:r *S-1-5-18:F *S-1-5-32-544:F`,
    );
    const events = recordingRunner({ eventcreate: { exitCode: 1, stderr: 'ERROR: Source parameter is used to identify custom applications/scripts only.' } });
    await setupTask(req, context(events.runner));
    expect(warned).toEqual([expect.stringMatching(/^note: could not write a Windows event: `eventcreate \/L APPLICATION` failed \(exit 1\): ERROR: Source parameter/)]);
  });

  it('refuses to install a Windows task on another OS, pointing at --print', async () => {
    const { runner, calls } = recordingRunner();
    await expect(setupTask(await request(), context(runner, { hostPlatform: 'linux' }))).rejects.toThrow(
      'a windows task can only be installed on Windows; `--print --platform windows` shows what would be installed, on any OS',
    );
    expect(calls).toEqual([]);
  });

  it('removes the task with schtasks /Delete /TN <name> /F', async () => {
    const { runner, calls } = recordingRunner();
    await removeTask({ platform: undefined, name: 'ddns-home' }, context(runner));
    expect(calls).toEqual([
      { file: 'fltmc', args: [] },
      { file: 'schtasks', args: ['/Delete', '/TN', 'ddns-home', '/F'] },
    ]);
    expect(said).toEqual(['deleted scheduled task "ddns-home"']);
    const missing = recordingRunner({ 'schtasks /Delete': { exitCode: 1, stderr: 'ERROR: The system cannot find the file specified.' } });
    await expect(removeTask({ platform: 'windows', name: 'ddns' }, context(missing.runner))).rejects.toThrow(
      'could not delete the task "ddns": `schtasks /Delete /TN` failed (exit 1): ERROR: The system cannot find the file specified. (is it installed? see `ddns task-status --name ddns`)',
    );
  });
});

// What `schtasks /Query /TN ddns /XML` prints for the installed task: Windows reorders elements,
// adds defaults and the URI, and does not escape quotes.
const INSTALLED_XML = `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>ddns</Author>
    <Description>ddns 0.1.0: update dynamic DNS records at boot and every 5m</Description>
    <URI>\\ddns</URI>
  </RegistrationInfo>
  <Principals>
    <Principal id="Author">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT10M</ExecutionTimeLimit>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <IdleSettings>
      <StopOnIdleEnd>true</StopOnIdleEnd>
      <RestartOnIdle>false</RestartOnIdle>
    </IdleSettings>
    <StartWhenAvailable>true</StartWhenAvailable>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>false</WakeToRun>
    <Priority>7</Priority>
    <AllowHardTerminate>true</AllowHardTerminate>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
  </Settings>
  <Triggers>
    <BootTrigger>
      <Enabled>true</Enabled>
      <Delay>PT1M</Delay>
    </BootTrigger>
    <TimeTrigger>
      <Repetition>
        <Interval>PT5M</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
      <StartBoundary>2000-01-01T00:00:00</StartBoundary>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Actions Context="Author">
    <Exec>
      <Command>"${NODE}"</Command>
      <Arguments>"${SCRIPT}" check --config "${CONFIG.replace('&', '&amp;')}"</Arguments>
    </Exec>
  </Actions>
</Task>
`;

const ENGLISH_HEADER =
  '"HostName","TaskName","Next Run Time","Status","Logon Mode","Last Run Time","Last Result","Author","Task To Run","Start In","Comment","Scheduled Task State","Idle Time","Power Management","Run As User","Delete Task If Not Rescheduled","Stop Task If Runs X Hours and X Mins","Schedule","Schedule Type","Start Time","Start Date","End Date","Days","Months","Repeat: Every","Repeat: Until: Time","Repeat: Until: Duration","Repeat: Stop If Still Running"';
// One row per trigger; "Task To Run" holds the quotes of the command line as schtasks prints them.
const ENGLISH_CSV = [
  ENGLISH_HEADER,
  `"HOMESERVER","\\ddns","11/23/2026 10:05:00 AM","Ready","Interactive/Background","11/23/2026 10:00:01 AM","4","ddns","""${NODE}"" ""${SCRIPT}"" check --config ""${CONFIG}""","N/A","ddns 0.1.0","Enabled","Disabled","","SYSTEM","Disabled","00:10:00","Scheduling data is not available in this format.","At system start up","N/A","N/A","N/A","N/A","N/A","Disabled","Disabled","Disabled","Disabled"`,
  `"HOMESERVER","\\ddns","11/23/2026 10:05:00 AM","Ready","Interactive/Background","11/23/2026 10:00:01 AM","4","ddns","""${NODE}"" ""${SCRIPT}"" check --config ""${CONFIG}""","N/A","ddns 0.1.0","Enabled","Disabled","","SYSTEM","Disabled","00:10:00","Scheduling data is not available in this format.","One Time Only, Minute","00:00:00","1/1/2000","N/A","N/A","N/A","0 Hour(s), 5 Minute(s)","None","Disabled","Disabled"`,
  '',
].join('\r\n');
// A German Windows: every header and word is translated (the header texts are illustrative), the
// column order is not. The task has not run yet: "Last Run Time" is the 1999 placeholder.
const GERMAN_CSV = [
  '"Hostname","Aufgabenname","Nächste Laufzeit","Status","Anmeldemodus","Letzte Laufzeit","Letztes Ergebnis","Autor","Auszuführende Aufgabe","Starten in","Kommentar","Status der geplanten Aufgabe","Leerlaufzeit","Energieverwaltung","Als Benutzer ausführen","Aufgabe löschen, falls nicht neu geplant","Aufgabe beenden, falls Laufzeit X Std. und X Min. überschreitet","Zeitplan","Zeitplantyp","Startzeit","Startdatum","Enddatum","Tage","Monate","Wiederholen: Jede","Wiederholen: Bis: Zeit","Wiederholen: Bis: Dauer","Wiederholen: Beenden, falls noch aktiv"',
  `"HEIMSERVER","\\ddns","23.11.2026 10:05:00","Bereit","Interaktiv/Hintergrund","30.11.1999 00:00:00","267011","ddns","${NODE} ${SCRIPT} check","Nicht zutreffend","ddns","Aktiviert","Deaktiviert","","SYSTEM","Deaktiviert","00:10:00","Planungsdaten sind in diesem Format nicht verfügbar.","Beim Systemstart","Nicht zutreffend","Nicht zutreffend","Nicht zutreffend","Nicht zutreffend","Nicht zutreffend","Deaktiviert","Deaktiviert","Deaktiviert","Deaktiviert"`,
  '',
].join('\r\n');

describe('Windows task-status', () => {
  function statusContext(replies: Record<string, Reply>): { context: SchedulerContext; calls: Call[] } {
    const { runner, calls } = recordingRunner(replies);
    return {
      calls,
      context: {
        runner,
        hostPlatform: 'win32',
        env: {},
        invocation: INVOCATION,
        tempDir: tmpdir(),
        say: () => undefined,
        warn: () => undefined,
        systemdRunning: () => false,
        uptimeSeconds: async () => undefined,
        now: () => new Date('2026-11-23T10:00:00Z'),
      },
    };
  }

  it('reads the XML and the verbose CSV, decodes the last result and finds the task as setup writes it', async () => {
    const { context, calls } = statusContext({
      schtasks: (call) => ({ stdout: call.args.includes('/XML') ? INSTALLED_XML : ENGLISH_CSV }),
    });
    const status = await taskStatus({ platform: undefined, name: 'ddns' }, context);
    expect(calls).toEqual([
      { file: 'schtasks', args: ['/Query', '/TN', 'ddns', '/XML'] },
      { file: 'schtasks', args: ['/Query', '/TN', 'ddns', '/V', '/FO', 'CSV'] },
    ]);
    expect(status).toMatchObject({
      platform: 'windows',
      installed: true,
      state: 'Ready',
      lastRun: '11/23/2026 10:00:01 AM',
      lastResult: { code: 4, text: 'exit 4: at least one record update failed' },
      nextRun: '11/23/2026 10:05:00 AM',
      matchesSetup: true,
      differences: [],
    });
    expect(status.notes.join('\n')).toMatch(/Event Viewer > Windows Logs > Application, source "ddns"/);
  });

  it('reads a German CSV by column position: "has not run yet" and the next run', async () => {
    const { context } = statusContext({ schtasks: (call) => ({ stdout: call.args.includes('/XML') ? INSTALLED_XML : GERMAN_CSV }) });
    const status = await taskStatus({ platform: 'windows', name: 'ddns' }, context);
    expect(status).toMatchObject({
      state: 'Bereit',
      lastRun: 'never',
      lastResult: { code: 0x41303, text: 'has not run yet (0x41303)' },
      nextRun: '23.11.2026 10:05:00',
    });
    expect(parseSchtasksVerboseCsv(GERMAN_CSV)?.taskToRun).toBe(`${NODE} ${SCRIPT} check`);
  });

  it('lists what differs from what setup would write', async () => {
    const changed = INSTALLED_XML.replace('<ExecutionTimeLimit>PT10M</ExecutionTimeLimit>', '<ExecutionTimeLimit>PT72H</ExecutionTimeLimit>')
      .replace(`<Command>"${NODE}"</Command>`, '<Command>C:\\old\\node.exe</Command>')
      .replace('<Delay>PT1M</Delay>', '');
    const { context } = statusContext({ schtasks: (call) => ({ stdout: call.args.includes('/XML') ? changed : ENGLISH_CSV }) });
    const status = await taskStatus({ platform: 'windows', name: 'ddns' }, context);
    expect(status.matchesSetup).toBe(false);
    expect(status.differences).toEqual([
      'Triggers.BootTrigger.Delay: missing, setup writes PT1M',
      'Settings.ExecutionTimeLimit: installed PT72H, setup writes PT10M',
      `Actions.Exec.Command: installed C:\\old\\node.exe, setup writes "${NODE}"`,
    ]);
  });

  it('compares durations by value, SYSTEM by any spelling and the command without its quotes', () => {
    expect(recoverWindowsTask(INSTALLED_XML)).toEqual({ intervalSeconds: 300, configPath: CONFIG });
    const respelled = INSTALLED_XML.replace('<UserId>S-1-5-18</UserId>', '<UserId>NT-AUTORITÄT\\SYSTEM</UserId>')
      .replace('<Interval>PT5M</Interval>', '<Interval>PT300S</Interval>')
      .replace(`<Command>"${NODE}"</Command>`, `<Command>${NODE.toLowerCase()}</Command>`);
    return renderWindowsTaskXml(spec()).then((expected) => expect(taskXmlDifferences(respelled, expected)).toEqual([]));
  });

  it('reports a task it cannot read as not installed, with the reason', async () => {
    const { context, calls } = statusContext({ schtasks: { exitCode: 1, stderr: 'ERROR: The system cannot find the file specified.' } });
    const status = await taskStatus({ platform: 'windows', name: 'ddns' }, context);
    expect(calls).toHaveLength(1);
    expect(status.installed).toBe(false);
    expect(status.notes[0]).toBe('schtasks could not read "ddns": ERROR: The system cannot find the file specified.');
  });

  it('still reads the leading columns when schtasks leaves quotes in "Task To Run" undoubled', () => {
    const broken = `${ENGLISH_HEADER}\r\n"PC","\\ddns","N/A","Running","Interactive/Background","11/23/2026 10:00:01 AM","267009","ddns",""${NODE}" "${SCRIPT}", check","N/A"\r\n`;
    expect(parseSchtasksVerboseCsv(broken)).toMatchObject({ taskName: '\\ddns', status: 'Running', lastResult: '267009' });
    expect(decodeTaskResult('267009').text).toBe('running now (0x41301)');
  });

  it.each([
    ['0', 0, 'exit 0: every record is current'],
    ['3', 3, 'exit 3: public IP detection failed'],
    ['5', 5, 'exit 5: another ddns check held the lock; this run did nothing'],
    ['267011', 0x41303, 'has not run yet (0x41303)'],
    ['0x41306', 0x41306, 'the last run was stopped: ended by a user or by the time limit (0x41306)'],
    ['-2147216609', 0x8004131f, 'an instance was already running, so this start was skipped (0x8004131F)'],
    ['2147750687', 0x8004131f, 'an instance was already running, so this start was skipped (0x8004131F)'],
    ['-2147024894', 0x80070002, 'the program was not found (0x80070002): node or ddns moved; run `ddns setup-task` again'],
    ['3221225786', 0xc000013a, 'the process was stopped (0xC000013A)'],
    ['42', 42, 'exit 42'],
    ['-2147024809', 0x80070057, '0x80070057 (a Windows error code)'],
  ])('decodes Last Result %s', (raw, code, text) => {
    expect(decodeTaskResult(raw)).toEqual({ code, text });
  });
});
