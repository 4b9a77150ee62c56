import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * Module layers (issue 14, DESIGN.md "Modules depend one way"), top to bottom. A file may import
 * from its own layer group and from any group below it, never upwards. The composition root is the
 * set of files directly in src/ (main, app module, entity/subscriber/migration lists, seeder).
 */
const LAYERS = [
  ['pages', ['src/home', 'src/pages', 'src/health', 'src/ops', 'src/directory-pages', 'src/meeting-page', 'src/my-page']],
  ['upper', ['src/minutes', 'src/calendar', 'src/mail', 'src/privacy', 'src/transfer', 'src/documents', 'src/polls', 'src/circulars', 'src/oparl', 'src/dav']],
  ['meetings', ['src/meetings']],
  ['bodies', ['src/bodies']],
  ['people', ['src/people']],
  ['organisations', ['src/organisations']],
  ['base', ['src/search', 'src/audit', 'src/auth']],
  ['infra', ['src/common', 'src/config', 'src/database', 'src/page-cache']],
];
/** Outside src: seeds and migrations are loaded by the composition root only; nothing in src loads tests or the benchmark. */
const OUTSIDE = [
  ['seeds', ['seeds']],
  ['migrations', ['migrations']],
  ['tooling', ['test', 'bench']],
];
const LINTED = ['src/**/*.ts', 'seeds/**/*.ts', 'migrations/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'];
const ROOT = { file: { categories: 'root' } };
const UNIT_SPEC = { file: { categories: 'spec' } };
const layersFrom = (rank) => ({ element: { types: { anyOf: LAYERS.slice(rank).map(([type]) => type) } } });
const boundaryPolicies = [
  { from: ROOT, allow: { to: ROOT } },
  { from: ROOT, allow: { to: { element: { types: { anyOf: [...LAYERS.map(([type]) => type), 'seeds', 'migrations'] } } } } },
  ...LAYERS.map(([type], rank) => ({ from: { element: { type } }, allow: { to: layersFrom(rank) } })),
  // Outside src anything may be imported: seeds build data through the domain entities, tests test everything.
  ...OUTSIDE.map(([type]) => ({ from: { element: { type } }, allow: { to: { element: { types: '*' } } } })),
  ...OUTSIDE.map(([type]) => ({ from: { element: { type } }, allow: { to: ROOT } })),
  // Exception: a unit spec may build a real database from the composition root's schema (src/app.entities.ts).
  { from: UNIT_SPEC, allow: { to: ROOT } },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', '.scratch/', 'public/', 'jest.config.js', 'eslint.config.js', 'test/summary-reporter.js', 'lint/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Decorated Nest/TypeORM classes need value imports for their metadata:
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: LINTED,
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [...LAYERS, ...OUTSIDE].map(([type, folders]) => ({ type, pattern: folders.map((f) => `${f}/**`), partialMatch: false })),
      'boundaries/files': [
        { category: 'root', pattern: 'src/*.ts' },
        { category: 'spec', pattern: 'src/**/*.spec.ts' },
      ],
      'boundaries/include': LINTED,
      // Re-exports and dynamic imports are dependencies too.
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      // Follows our `./x.js` imports to the `./x.ts` files (see the resolver).
      'import/resolver': { [`${import.meta.dirname}/lint/ts-resolver.cjs`]: {} },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: boundaryPolicies }],
      // A new folder in src must be given its layer above.
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' }, parserOptions: { projectService: false } },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
);
