// Lint with type-aware rules off (fast), plus the one architectural rule that matters most:
// imports point one way, apps -> libs/manifests|libs/reports -> libs/scheduling, and the libs do no I/O.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto'], message: 'libs do no I/O' };
const frameworks = { group: ['@nestjs/*', '@prisma/*', 'pg', 'prisma'], message: 'libs stay free of Nest, Prisma and databases' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['libs/scheduling/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, frameworks, { group: ['@podfit/*', '**/apps/**', '**/manifests/**'], message: 'the core imports nothing of the project' }] }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'the core reads no clock' }, { name: 'process', message: 'the core reads no environment' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'the core uses no randomness' }],
    },
  },
  {
    files: ['libs/manifests/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, frameworks, { group: ['@podfit/manifests', '**/apps/**', '**/scheduling/src/**'], message: 'libs/manifests imports libs/scheduling through @podfit/scheduling only' }] }],
    },
  },
  {
    files: ['libs/reports/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, frameworks, { group: ['@podfit/reports', '@podfit/manifests', '**/apps/**', '**/scheduling/src/**'], message: 'libs/reports imports libs/scheduling through @podfit/scheduling only' }] }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'the renderers read no clock' }, { name: 'process', message: 'the renderers read no environment' }],
    },
  },
  {
    // Nest's dependency injection reads constructor parameter types from decorator metadata, which
    // TypeScript emits only for value imports: `import { type X }` would silently break injection.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  { ignores: ['apps/api/src/generated/**'] },
);
