import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layering = (message) => ({ message: `Bad layering. ${message}` });

/** Imports each layer may never make (STYLE.md §1). */
const coreForbidden = [
  { group: ['electron', 'electron/*', 'electron-*', '@electron/*'], ...layering('core/ runs in plain Node: it may not import Electron.') },
  {
    group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@tanstack/*'],
    ...layering('core/ may not import React or renderer libraries.'),
  },
  { group: ['**/renderer/**', '**/electron/**'], ...layering('core/ may not import from renderer/ or electron/.') },
];
const sqliteOnlyInStorage = {
  group: ['better-sqlite3'],
  ...layering('Only core/cache, core/backend and core/console (which wires them) touch better-sqlite3.'),
};
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'http', 'crypto', 'child_process', 'worker_threads'],
  ...layering('core/domain and core/procedures are pure: no Node built-ins, no I/O.'),
};

/**
 * SQL stays in the module that owns its table (STYLE.md §5): core/cache for the console's
 * tables, core/backend for the backend's. Everywhere else in the product a call of `.prepare(`,
 * `.pragma(` or `.transaction(` on anything is reported, and so is `.exec(` on anything but a
 * regular expression. Matched by method name, since this lint has no types: `exec` is also
 * RegExp's, so it is allowed on a regex literal, on `new RegExp(…)` and on a value whose name
 * ends in Pattern, Regex or RegExp (`fieldValuePattern.exec(line)`). Tests and benches are not
 * checked: they build and inspect databases on purpose (migration tests, fixtures).
 */
const sqlOutsideOwner = layering(
  'SQL outside its owner: a statement belongs to the core/cache (or core/backend) module that owns its table; call a named function there (STYLE.md §5).',
).message;
const regexName = '/(Pattern|Regex|RegExp)$/i';
const sqlOutsideOwners = [
  { selector: 'CallExpression > MemberExpression.callee[property.name=/^(prepare|pragma|transaction)$/]', message: sqlOutsideOwner },
  {
    selector:
      "CallExpression > MemberExpression.callee[property.name='exec']:not([object.regex]):not([object.type='NewExpression'][object.callee.name='RegExp'])" +
      `:not([object.name=${regexName}]):not([object.property.name=${regexName}])`,
    message: sqlOutsideOwner,
  },
];
const onlyMustNotLand = {
  selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
  message: '.only must not land.',
};

const rendererForbidden = [
  { group: ['**/electron/**', 'electron', 'electron/*', 'electron-*'], ...layering('renderer/ may not import from electron/.') },
  { group: ['better-sqlite3', 'node:*'], ...layering('The renderer never touches SQLite, the network or the file system.') },
  {
    group: ['backend', 'cache', 'sync', 'console', 'server'].flatMap((dir) => [`**/core/${dir}`, `**/core/${dir}/**`]),
    ...layering('renderer/ may import core/ types and pure modules only.'),
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.native/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', onlyMustNotLand, ...sqlOutsideOwners],
    },
  },
  {
    files: ['core/cache/**', 'core/backend/**', 'test/**'],
    rules: { 'no-restricted-syntax': ['error', onlyMustNotLand] },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [...coreForbidden, sqliteOnlyInStorage] }],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement'].map((name) => ({
          name,
          message: 'Bad layering. core/ runs in plain Node: no DOM.',
        })),
      ],
    },
  },
  {
    files: ['core/cache/**/*.ts', 'core/backend/**/*.ts', 'core/console/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: coreForbidden }] },
  },
  {
    files: ['core/domain/**/*.ts', 'core/procedures/**/*.ts', 'core/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...coreForbidden, sqliteOnlyInStorage, nodeBuiltins] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: rendererForbidden,
        },
      ],
    },
  },
  {
    // STYLE.md §8: one zustand store per concern talks to the console API; components take props.
    files: ['renderer/src/components/**/*.ts', 'renderer/src/components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererForbidden,
            { group: ['**/api/client', '**/api/http-bridge'], ...layering('Components take props: only stores call the console API.') },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], ...layering('electron/ may not import from renderer/.') }] },
      ],
    },
  },
);
