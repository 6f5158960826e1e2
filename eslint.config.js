import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nondeterminism = [
  { name: 'Date', message: 'The engine takes time from the injected clock.' },
  { name: 'setTimeout', message: 'The engine schedules on its own clock.' },
  { name: 'setInterval', message: 'The engine schedules on its own clock.' },
  { name: 'setImmediate', message: 'The engine schedules on its own clock.' },
  { name: 'process', message: 'The engine is pure: no process access.' },
  { name: 'console', message: 'The engine is pure: report through the trace.' },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'client/dist/**',
      'test-results/**',
      'playwright-report/**',
      'shared/schema/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vm', message: 'User expressions never run as JS.' },
            { name: 'node:vm', message: 'User expressions never run as JS.' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'react',
            'react-dom',
            '@xyflow/*',
            'express',
            'socket.io',
            'socket.io-client',
            'vm',
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    ignores: ['server/src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...nondeterminism],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG port.' },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'express', 'socket.io', 'vm', '../transport/*', '../adapters/*'] },
      ],
    },
  },
  prettier,
);
