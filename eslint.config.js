// Lint: TypeScript's recommended rules, plus Confer's security rules. No innerHTML-style sinks
// anywhere (product code, tests, fixture, scripts): text is always set as text.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_HTML_SINKS = {
  'no-restricted-properties': [
    'error',
    { property: 'innerHTML', message: 'Set text with textContent, or build elements; never parse HTML.' },
    { property: 'outerHTML', message: 'Never parse HTML: build elements instead.' },
    { property: 'insertAdjacentHTML', message: 'Never parse HTML: build elements instead.' },
    { object: 'document', property: 'write', message: 'document.write parses HTML.' },
    { object: 'document', property: 'writeln', message: 'document.writeln parses HTML.' },
    { property: 'createContextualFragment', message: 'Never parse HTML: build elements instead.' },
    { property: 'setHTMLUnsafe', message: 'Never parse HTML: build elements instead.' },
    { property: 'parseHTMLUnsafe', message: 'Never parse HTML: build elements instead.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render HTML from strings.' },
    { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'Never render HTML from strings.' },
    { selector: "MemberExpression[property.value=/^(innerHTML|outerHTML|insertAdjacentHTML)$/]", message: 'Never parse HTML.' },
    { selector: "CallExpression[callee.property.name='write'][callee.object.property.name='document']", message: 'document.write parses HTML.' },
  ],
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
};

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', console: 'readonly', navigator: 'readonly', location: 'readonly',
        process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly',
      },
    },
    rules: {
      ...NO_HTML_SINKS,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Browser-side plain JavaScript of the Docs fixture and Node scripts.
    files: ['**/*.mjs', 'tests/fixture/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { globalThis: 'readonly' } },
    rules: { 'no-undef': 'off' },
  },
);
