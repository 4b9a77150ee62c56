import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/common/paths.js';

const run = promisify(execFile);

/**
 * An installation that ships the build only: package.json, node_modules and dist/ (compiled with the
 * build's own tsconfig), no src/. What the code needs at run time must be in dist/.
 */
describe('the build runs without src/', () => {
  let install: string;

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), 'nm-dist-'));
    const out = join(work, 'build');
    // --noCheck: the same emit (byte for byte, compared), without a second type check of src/ — `npm run
    // check` type-checks every file first; this halves the build's CPU time (18.6 → 9.4 s).
    await run(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(PROJECT_ROOT, 'tsconfig.build.json'), '--outDir', out, '--noCheck'], { cwd: PROJECT_ROOT });
    install = join(work, 'install');
    cpSync(join(out), join(install, 'dist'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'package.json'), join(install, 'package.json'));
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(install, 'node_modules'), 'dir');
    rmSync(out, { recursive: true });
  }, 300_000);
  afterAll(() => {
    if (install) rmSync(join(install, '..'), { recursive: true, force: true });
  });

  it('refuses a common password (the list ships with the build)', async () => {
    expect(existsSync(join(install, 'src'))).toBe(false);
    const script = `
      const { passwordProblem } = await import('./dist/src/auth/password-policy.js');
      console.log(JSON.stringify([passwordProblem('qwertyuiop', 'a@example.org'), passwordProblem('Passwort2026', 'a@example.org'), passwordProblem('Kaffeetasse am Pfaffenteich 7', 'a@example.org')]));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: install });
    const [common, german, fine] = JSON.parse(stdout) as (string | null)[];
    expect(common).toMatch(/verbreitet/);
    expect(german).toMatch(/verbreitet/);
    expect(fine).toBeNull();
  });

  it('refuses to start with an unknown REGION, with one clear German line', async () => {
    const started = run(process.execPath, ['dist/src/main.js'], { cwd: install, env: { PATH: process.env.PATH, REGION: 'XY', DATABASE_PATH: join(install, 'never.sqlite') } });
    const failure = await started.then(
      () => null,
      (e: unknown) => e as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(
      'Die Konfiguration ist ungültig:\n  - REGION muss das Kürzel eines Bundeslandes sein (BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH), z. B. MV (gesetzt: "XY")',
    );
    expect(existsSync(join(install, 'never.sqlite'))).toBe(false);
  });
});
