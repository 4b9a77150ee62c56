import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The W3C Nu Html Checker (vnu.jar from the vnu-jar package) on Debian's Java: `java` on the PATH or
 * JAVA. CI installs `default-jre-headless` when java is missing; a missing Java fails the test, it
 * never skips it.
 */
export function vnuJarPath(): string {
  const require = createRequire(join(process.cwd(), 'package.json'));
  const jar = join(dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
  if (!existsSync(jar)) throw new Error(`vnu.jar not found at ${jar} (is vnu-jar installed?)`);
  return jar;
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

/**
 * Collects the HTML of pages under a readable name and checks them all in ONE run of the checker
 * (the JVM takes a second or two to start): `problems()` lists every error as
 * "name (file) line N: message «extract»"; an empty list means every page is valid HTML.
 */
export class HtmlCollector {
  private readonly dir = mkdtempSync(join(tmpdir(), 'netzwerk-html-'));
  private readonly names = new Map<string, string>();

  /** Stores one page; `name` says which page type (and role) it is. */
  add(name: string, html: string): void {
    const file = `${String(this.names.size + 1).padStart(3, '0')}-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80)}.html`;
    writeFileSync(join(this.dir, file), html);
    this.names.set(file, name);
  }

  get size(): number {
    return this.names.size;
  }

  /** Every checker error of every collected page (runs the checker once). */
  async problems(): Promise<string[]> {
    if (this.names.size === 0) return ['no pages were collected'];
    const output = await runVnu(['--format', 'json', '--errors-only', this.dir]);
    const parsed = JSON.parse(output) as { messages: VnuMessage[] };
    return parsed.messages.map((m) => {
      const file = m.url ? fileURLToPath(m.url).split(/[\\/]/).pop() ?? m.url : '(no file)';
      const name = this.names.get(file) ?? file;
      const extract = m.extract ? ` «${m.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}»` : '';
      return `${name} (${file}) line ${m.lastLine ?? '?'}: [${m.type}${m.subType ? `/${m.subType}` : ''}] ${m.message}${extract}`;
    });
  }

  /** Removes the temporary folder. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * One short batch run per suite: the client compiler only (C1; the optimising C2 never pays back in a
 * run of a few seconds) and the serial collector halve the checker's CPU time (measured on the 550 pages of
 * test/html-validity: 13.0 → 6.1 CPU seconds) and leave the second core to the other jest worker. -Xss4m: deep documents.
 */
const JVM_OPTIONS = ['-Xss4m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** Runs vnu.jar; its JSON report comes on stderr, and the exit code is 1 when it found errors. */
function runVnu(args: string[]): Promise<string> {
  const java = process.env.JAVA ?? 'java';
  return new Promise((resolve, reject) => {
    execFile(java, [...JVM_OPTIONS, '-jar', vnuJarPath(), ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const report = stderr.trim().startsWith('{') ? stderr : stdout;
      if (report.trim().startsWith('{')) return resolve(report);
      const reason = error && 'code' in error && error.code === 'ENOENT' ? `Java (${java}) is not installed: apt-get install -y default-jre-headless` : `${error?.message ?? ''}\n${stderr}`;
      reject(new Error(`The Nu Html Checker did not run: ${reason}`));
    });
  });
}
