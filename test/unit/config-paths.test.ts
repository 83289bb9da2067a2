import { defaultPaths, lockPathFor, pathModuleFor, resolveConfigPath } from '../../src/config/paths.js';

describe('defaultPaths', () => {
  test('Windows uses %ProgramData%\\ddns, with logs in a subfolder', () => {
    expect(defaultPaths({ platform: 'win32', isRoot: false, env: { ProgramData: 'D:\\Data' } })).toEqual({
      config: 'D:\\Data\\ddns\\config.toml',
      state: 'D:\\Data\\ddns\\state.json',
      log: 'D:\\Data\\ddns\\logs\\ddns.log',
    });
  });

  test('Windows falls back to C:\\ProgramData, whoever runs it', () => {
    for (const isRoot of [true, false]) {
      expect(defaultPaths({ platform: 'win32', isRoot, env: {} })).toEqual({
        config: 'C:\\ProgramData\\ddns\\config.toml',
        state: 'C:\\ProgramData\\ddns\\state.json',
        log: 'C:\\ProgramData\\ddns\\logs\\ddns.log',
      });
    }
  });

  test('root on Linux and macOS uses the system locations, ignoring XDG variables', () => {
    const env = { HOME: '/root', XDG_CONFIG_HOME: '/root/.cfg', XDG_STATE_HOME: '/root/.st' };
    for (const platform of ['linux', 'darwin'] as const) {
      expect(defaultPaths({ platform, isRoot: true, env })).toEqual({
        config: '/etc/ddns/config.toml',
        state: '/var/lib/ddns/state.json',
        log: '/var/log/ddns/ddns.log',
      });
    }
  });

  test('a user gets the XDG locations when set', () => {
    expect(defaultPaths({ platform: 'linux', isRoot: false, env: { HOME: '/home/ann', XDG_CONFIG_HOME: '/cfg', XDG_STATE_HOME: '/st' } })).toEqual({
      config: '/cfg/ddns/config.toml',
      state: '/st/ddns/state.json',
      log: '/st/ddns/ddns.log',
    });
  });

  test('a user gets ~/.config and ~/.local/state when XDG is unset, empty or relative', () => {
    const expected = {
      config: '/home/ann/.config/ddns/config.toml',
      state: '/home/ann/.local/state/ddns/state.json',
      log: '/home/ann/.local/state/ddns/ddns.log',
    };
    expect(defaultPaths({ platform: 'darwin', isRoot: false, env: { HOME: '/home/ann' } })).toEqual(expected);
    expect(defaultPaths({ platform: 'linux', isRoot: false, env: { HOME: '/home/ann', XDG_CONFIG_HOME: '', XDG_STATE_HOME: 'relative/state' } })).toEqual(expected);
  });
});

describe('resolveConfigPath', () => {
  const userEnv = { HOME: '/home/ann' };

  test('--config wins over DDNS_CONFIG', () => {
    expect(resolveConfigPath('/opt/cli.toml', { ...userEnv, DDNS_CONFIG: '/opt/env.toml' }, 'linux', false)).toBe('/opt/cli.toml');
  });

  test('DDNS_CONFIG wins over the default', () => {
    expect(resolveConfigPath(undefined, { ...userEnv, DDNS_CONFIG: '/opt/env.toml' }, 'linux', false)).toBe('/opt/env.toml');
  });

  test('the default follows platform and user', () => {
    expect(resolveConfigPath(undefined, userEnv, 'linux', false)).toBe('/home/ann/.config/ddns/config.toml');
    expect(resolveConfigPath(undefined, userEnv, 'linux', true)).toBe('/etc/ddns/config.toml');
    expect(resolveConfigPath(undefined, { ProgramData: 'C:\\ProgramData' }, 'win32', false)).toBe('C:\\ProgramData\\ddns\\config.toml');
    expect(resolveConfigPath('', { ...userEnv, DDNS_CONFIG: '' }, 'linux', false)).toBe('/home/ann/.config/ddns/config.toml');
  });

  test('a relative choice becomes absolute against the working directory', () => {
    expect(resolveConfigPath('conf/ddns.toml', userEnv, 'linux', false, '/srv/app')).toBe('/srv/app/conf/ddns.toml');
    expect(resolveConfigPath(undefined, { DDNS_CONFIG: '../x.toml' }, 'linux', false, '/srv/app')).toBe('/srv/x.toml');
    expect(resolveConfigPath('ddns.toml', {}, 'win32', false, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\ddns.toml');
    expect(resolveConfigPath('/a/../b/c.toml', {}, 'linux', false)).toBe('/b/c.toml');
  });
});

test('lockPathFor appends .lock to the state path', () => {
  expect(lockPathFor('/var/lib/ddns/state.json')).toBe('/var/lib/ddns/state.json.lock');
  expect(lockPathFor('C:\\ProgramData\\ddns\\state.json')).toBe('C:\\ProgramData\\ddns\\state.json.lock');
});

test('pathModuleFor picks the path flavour of the platform', () => {
  expect(pathModuleFor('win32').sep).toBe('\\');
  expect(pathModuleFor('linux').sep).toBe('/');
});
