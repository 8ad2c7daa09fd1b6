// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as lit } from 'eslint-plugin-lit';
import { configs as wc } from 'eslint-plugin-wc';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const browserCode = ['src/**/*.ts', 'demo/**/*.ts', 'test/widget/**/*.ts', 'test/editor/**/*.ts'];

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'reports/', '.data/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: browserCode, ...lit['flat/recommended'] },
  { files: browserCode, ...wc['flat/recommended'] },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `interface GlobalEventHandlersEventMap extends SchedulerEventMap {}` merges our events into the DOM's.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // `declare module 'react' { namespace JSX … }` is how React's element types are augmented.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // A `let` a closure reads before its one assignment (a promise that refers to its own entry).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // The element's class merges with the interface its property table derives (element/properties.ts).
    files: ['src/scheduler-widget.ts'],
    rules: { '@typescript-eslint/no-unsafe-declaration-merging': 'off' },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      // Chai's property assertions (`expect(x).to.be.true`) are expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Tests and benches poke at answers whose shape they are checking.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
);
