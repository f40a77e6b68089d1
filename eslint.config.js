// ESLint flat config: typescript-eslint's recommended type-aware rules plus the project's
// dependency-direction rule (the core never imports Slack, Redis or the Slack adapter).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbiddenInCore = {
  patterns: [
    { group: ['@slack/*'], message: 'The mentor core must not import Slack.' },
    { group: ['ioredis', 'bullmq'], message: 'The mentor core must not import Redis drivers.' },
    { group: ['**/slack/**', '**/runtime/**'], message: 'The mentor core must not import adapters.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', '.tmp/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' },
      ],
    },
  },
  {
    files: ['src/mentor/**/*.ts', 'src/retrieval/**/*.ts', 'src/answer/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', forbiddenInCore] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**', 'src/main.ts', 'src/cli.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from Config, not process.env.' },
      ],
    },
  },
);
