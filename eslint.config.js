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

// Client layers (STYLE.md §11): model ← session ← views. An import never points up a layer.
const VIEW_FOLDERS = ['canvas', 'nodes', 'panels', 'trace', 'run', 'app', 'lessons', 'bench'];
const viewGroups = VIEW_FOLDERS.flatMap((f) => [`**/${f}/*`, `**/${f}`]);
const noReact = [
  {
    name: 'react',
    message: 'The model and the session hold no React: put hooks and components in a view folder.',
  },
  { name: 'react-dom', message: 'The model and the session hold no React.' },
  { name: 'zustand', message: "Import 'zustand/vanilla': the React binding lives in app/use-app-store.ts." },
  {
    name: '@xyflow/react',
    allowTypeImports: true,
    message: 'Only React Flow types may reach the model and the session (decision 0005).',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'client/dist/**',
      'test-results/**',
      'playwright-report/**',
      'docs/schema/**',
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
    files: ['client/src/store/**/*.{ts,tsx}', 'client/src/model/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...noReact, { name: 'socket.io-client', message: 'The model never talks to the server.' }],
          patterns: [
            {
              group: ['**/transport/*', '**/transport', ...viewGroups],
              message: 'The model (store/, model/) imports only shared/ and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/transport/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: noReact,
          patterns: [
            { group: viewGroups, message: 'The session (transport/) imports only the model and shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: VIEW_FOLDERS.map((f) => `client/src/${f}/**/*.{ts,tsx}`),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'socket.io-client', message: 'Views ask the session to act (useSession()).' }],
          patterns: [
            {
              group: ['**/transport/socket', '**/transport/session/*'],
              message:
                'Views never touch the socket: call the session (useSession() from app/use-session.ts).',
            },
          ],
        },
      ],
    },
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
