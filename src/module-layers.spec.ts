import { join } from 'node:path';
import { ESLint } from 'eslint';
import { PROJECT_ROOT } from './common/paths.js';

/**
 * The ESLint boundary rule (eslint.config.js) on small in-memory files placed in the tree: it must
 * reject upward imports and unclassified folders, and accept downward ones. Type-aware rules are
 * filtered out (the probe files exist only in memory, so the TypeScript project does not know them).
 */
const eslint = new ESLint({
  cwd: PROJECT_ROOT,
  overrideConfig: [{ languageOptions: { parserOptions: { projectService: false } } }],
  ruleFilter: ({ ruleId }) => ruleId.startsWith('boundaries/'),
});

async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, path) });
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('module layers (ESLint boundaries rule)', () => {
  it('rejects an upward import: common → meetings', async () => {
    const errors = await boundaryErrors('src/common/probe.ts', "import { Meeting } from '../meetings/meeting.entity.js';\nexport const probe = Meeting;\n");
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/dependencies: .*"infra".*"meetings"/)]);
  });

  it('rejects an upward re-export and an upward dynamic import', async () => {
    expect(await boundaryErrors('src/common/probe.ts', "export { Meeting } from '../meetings/meeting.entity.js';\n")).toHaveLength(1);
    const dynamic = "export async function probe(): Promise<unknown> {\n  return import('../meetings/meeting.entity.js');\n}\n";
    expect(await boundaryErrors('src/common/probe.ts', dynamic)).toHaveLength(1);
  });

  it('rejects upward imports between domains and from base layers: people → bodies, auth → people, database → root', async () => {
    expect(await boundaryErrors('src/people/probe.ts', "import { Body } from '../bodies/body.entity.js';\nexport const probe = Body;\n")).toHaveLength(1);
    expect(await boundaryErrors('src/auth/probe.ts', "import { Person } from '../people/person.entity.js';\nexport const probe = Person;\n")).toHaveLength(1);
    expect(await boundaryErrors('src/database/probe.ts', "import { APP_SCHEMA } from '../app.entities.js';\nexport const probe = APP_SCHEMA;\n")).toHaveLength(1);
  });

  it('rejects src importing tests, the benchmark or the seeds (only the composition root loads seeds)', async () => {
    expect(await boundaryErrors('src/home/probe.ts', "import * as helpers from '../../test/helpers/auth.js';\nexport const probe = helpers;\n")).toHaveLength(1);
    expect(await boundaryErrors('src/auth/probe.ts', "import { DEMO_PEOPLE } from '../../seeds/demo.seed.js';\nexport const probe = DEMO_PEOPLE;\n")).toHaveLength(1);
    expect(await boundaryErrors('src/probe.ts', "import { DEMO_PEOPLE } from '../seeds/demo.seed.js';\nexport const probe = DEMO_PEOPLE;\n")).toEqual([]);
  });

  it('accepts downward and same-group imports', async () => {
    const code = [
      "import { Person } from '../people/person.entity.js';",
      "import { Body } from './body.entity.js';",
      "import { SearchIndexer } from '../search/search-indexer.js';",
      "import { berlinDay } from '../common/dates.js';",
      'export const probe = [Person, Body, SearchIndexer, berlinDay];',
      '',
    ].join('\n');
    expect(await boundaryErrors('src/bodies/probe.ts', code)).toEqual([]);
    expect(await boundaryErrors('src/search/probe.ts', "import { type Viewer } from '../auth/viewer.js';\nexport type Probe = Viewer;\n")).toEqual([]);
  });

  it('rejects a file in a folder that has no layer yet', async () => {
    const errors = await boundaryErrors('src/newmodule/probe.ts', 'export const probe = 1;\n');
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/no-unknown-files/)]);
  });
});
