import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Layers, bottom to top. A package may import its own layer and the layers beneath it; the
// tooling layer (the emulator) may be imported anywhere, and tools/check-deps.mjs makes sure it
// is only ever a devDependency of library code.
const layers = ['foundation', 'transport', 'domain', 'umbrella'];
const depConstraints = layers.map((layer, index) => ({
  sourceTag: `layer:${layer}`,
  onlyDependOnLibsWithTags: [...layers.slice(0, index + 1).map(l => `layer:${l}`), 'layer:tooling'],
}));
depConstraints.push({ sourceTag: 'layer:tooling', onlyDependOnLibsWithTags: ['layer:tooling'] });
// The workspace's own scripts (demo, benchmarks, soak) use every package, as an application does.
depConstraints.push({ sourceTag: 'layer:workspace', onlyDependOnLibsWithTags: ['*'] });

export default [
  { ignores: ['**/dist', '**/node_modules', 'tmp', '.nx', '**/jest.config.cjs'] },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', 'tools/**/*.ts', 'packages/testing/src/cli.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
