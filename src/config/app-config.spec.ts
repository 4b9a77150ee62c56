import { ConfigError, loadConfig } from './app-config.js';

/** Runs loadConfig and returns the ConfigError it throws (fails the test if it does not throw one). */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('starts bare with sane defaults: port 3000, data/netzwerk.sqlite, demo data on', () => {
    expect(loadConfig({})).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      baseUrl: 'http://localhost:3000',
      databasePath: 'data/netzwerk.sqlite',
      seedOnStart: true,
      seedDemo: true,
      siteName: 'Netzwerk Migration',
    });
  });

  it('defaults to Mecklenburg-Vorpommern and Schwerin, and reads REGION and DEFAULT_LOCALITY', () => {
    expect(loadConfig({})).toMatchObject({ region: 'MV', defaultLocality: 'Schwerin' });
    expect(loadConfig({ REGION: 'BY', DEFAULT_LOCALITY: 'Neustadt an der Waldnaab' })).toMatchObject({ region: 'BY', defaultLocality: 'Neustadt an der Waldnaab' });
    expect(loadConfig({ REGION: ' sl ' }).region).toBe('SL');
    expect(loadConfig({ REGION: '' }).region).toBe('MV');
  });

  it.each(['XX', 'Bayern', 'BUND', 'ALL', 'DE-MV'])('refuses REGION=%j with the list of state codes, in German', (region) => {
    const error = configError({ REGION: region });
    expect(error.problems).toEqual([`REGION muss das Kürzel eines Bundeslandes sein (BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH), z. B. MV (gesetzt: ${JSON.stringify(region)})`]);
  });

  it.each([' Schwerin', 'Schwerin\n', 'Schwe\u0000rin', 'x'.repeat(101)])('refuses DEFAULT_LOCALITY=%j', (locality) => {
    expect(configError({ DEFAULT_LOCALITY: locality }).problems[0]).toMatch(/^DEFAULT_LOCALITY (muss ein Ortsname sein|darf höchstens 100 Zeichen)/);
  });

  it('does not read process.env when given an environment', () => {
    const saved = process.env.PORT;
    process.env.PORT = 'abc';
    try {
      expect(loadConfig({}).port).toBe(3000);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });

  it.each(['development', 'test'] as const)('loads demo data under NODE_ENV=%s', (nodeEnv) => {
    expect(loadConfig({ NODE_ENV: nodeEnv })).toMatchObject({ nodeEnv, seedDemo: true });
  });

  it('loads no demo data in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ nodeEnv: 'production', seedDemo: false, port: 3000 });
  });

  it.each([
    ['production', 'true', true],
    ['production', 'TRUE', true],
    ['production', '1', true],
    ['production', 'ja', true],
    ['production', ' yes ', true],
    ['development', 'false', false],
    ['development', 'FALSE', false],
    ['development', '0', false],
    ['development', 'nein', false],
    ['test', 'no', false],
  ])('NODE_ENV=%s with SEED_DEMO=%j gives seedDemo %s', (nodeEnv, seedDemo, expected) => {
    expect(loadConfig({ NODE_ENV: nodeEnv, SEED_DEMO: seedDemo }).seedDemo).toBe(expected);
  });

  it('treats an empty SEED_DEMO or PORT as unset', () => {
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: '', PORT: '' })).toMatchObject({ seedDemo: false, port: 3000 });
  });

  it('reads port, host, base URL, database path and site name', () => {
    expect(
      loadConfig({
        PORT: '8080',
        HOST: '0.0.0.0',
        BASE_URL: 'https://netzwerk.example.org/',
        DATABASE_PATH: '/var/lib/netzwerk/netzwerk.sqlite',
        SITE_NAME: 'Netzwerk Migration Schwerin',
        SEED_ON_START: 'false',
      }),
    ).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      baseUrl: 'https://netzwerk.example.org',
      databasePath: '/var/lib/netzwerk/netzwerk.sqlite',
      siteName: 'Netzwerk Migration Schwerin',
      seedOnStart: false,
    });
  });

  it('derives the base URL from the port', () => {
    expect(loadConfig({ PORT: '4010' }).baseUrl).toBe('http://localhost:4010');
  });

  it.each([
    ['PORT', 'abc', /PORT muss eine ganze Zahl sein/],
    ['PORT', '70000', /PORT muss zwischen 0 und 65535 liegen/],
    ['PORT', '-1', /PORT muss/],
    ['PORT', '80.5', /PORT muss eine ganze Zahl sein/],
    ['SEED_DEMO', 'vielleicht', /SEED_DEMO muss true oder false sein/],
    ['SEED_ON_START', 'manchmal', /SEED_ON_START muss true oder false sein/],
    ['BASE_URL', 'ftp://x', /BASE_URL muss eine http\(s\)-Adresse sein/],
    ['BASE_URL', 'netzwerk.example.org', /BASE_URL muss eine http\(s\)-Adresse sein/],
    ['NODE_ENV', 'staging', /NODE_ENV muss development, production oder test sein/],
  ])('rejects %s=%j with a German message naming the variable and the value', (key, value, message) => {
    const error = configError({ [key]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^Die Konfiguration ist ungültig:/);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(JSON.stringify(value));
    expect(error.problems.length).toBeGreaterThanOrEqual(1);
    for (const p of error.problems) expect(p.startsWith(key)).toBe(true);
  });

  it('lists every problem at once, one line each, all in German', () => {
    const error = configError({ PORT: 'abc', SEED_DEMO: 'vielleicht', BASE_URL: 'ftp://x', NODE_ENV: 'staging' });
    for (const key of ['PORT', 'SEED_DEMO', 'BASE_URL', 'NODE_ENV']) {
      expect(error.problems.some((p) => p.startsWith(`${key} `))).toBe(true);
    }
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Die Konfiguration ist ungültig:');
    expect(lines.slice(1)).toEqual(error.problems.map((p) => `  - ${p}`));
    for (const p of error.problems) {
      expect(p).toMatch(/ muss | darf /);
      expect(p).not.toMatch(/\b(must|should|be|an?|integer|string|not|less|greater|than|longer)\b/);
    }
  });

  it('reports the out-of-range port of PORT=70000 together with the other problems', () => {
    const error = configError({ PORT: '70000', SEED_DEMO: 'vielleicht', BASE_URL: 'ftp://x', NODE_ENV: 'staging' });
    expect(error.problems.some((p) => /^PORT muss zwischen 0 und 65535 liegen/.test(p))).toBe(true);
    expect(error.problems.filter((p) => p.startsWith('PORT')).every((p) => p.includes('"70000"'))).toBe(true);
    expect(error.problems).toHaveLength(4);
  });

  it('says each problem once', () => {
    const error = configError({ PORT: 'abc' });
    expect(new Set(error.problems).size).toBe(error.problems.length);
  });

  it.each([
    ['HOST', ''],
    ['SITE_NAME', ''],
    ['DATABASE_PATH', ''],
  ])('explains an empty %s in German', (key, value) => {
    const error = configError({ [key]: value });
    for (const p of error.problems) {
      expect(p.startsWith(key)).toBe(true);
      expect(p).not.toMatch(/\b(must|should|longer|characters)\b/);
    }
  });
});
