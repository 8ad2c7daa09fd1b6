// dist/custom-elements.json against the source it describes (run after `npm run build`): every
// part the templates render is documented and nothing else; every custom property the styles read
// has its real default; every attribute and event of the element is there; modules are shipped files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { styleDefaults } from '../../custom-elements-manifest.config.mjs';
import { DECLARATIONS } from '../../src/element/properties.js';

const repo = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(repo, 'dist/custom-elements.json'), 'utf8'));
const element = manifest.modules
  .flatMap((module: { declarations?: Array<Record<string, any>> }) => module.declarations ?? [])
  .find((declaration: Record<string, any>) => declaration.tagName === 'scheduler-widget');
const names = (list: Array<{ name: string }> = []) => list.map((item) => item.name).sort();

const templateFiles = [
  'src/scheduler-widget.ts',
  ...readdirSync(join(repo, 'src/views')).map((file) => `src/views/${file}`),
];

/**
 * Every part name a template can render: the words of each `part="…"` attribute; for a calendar
 * day's (`part="day ${state.join(' ')}"`) the state words it joins, and for any other computed
 * attribute the words of the string literals it picks from (`part="${slot ? 'slot' : 'no-times'}"`).
 */
function renderedParts(): string[] {
  const parts = new Set<string>();
  for (const file of templateFiles) {
    const source = readFileSync(join(repo, file), 'utf8').replace(/^\s*\*.*$/gm, ''); // not the doc comments
    for (const [, value] of source.matchAll(/\bpart="([^"]*)"/g)) {
      for (const word of value!.replace(/\$\{[^}]*\}/g, ' ').split(/\s+/)) if (word) parts.add(word);
      if (value!.includes('${state.join')) {
        const states = /const state = \[([\s\S]*?)\]\.filter/.exec(source);
        assert.ok(states, `${file}: the computed day part's states are found`);
        for (const [, word] of states[1]!.matchAll(/'([\w-]+)'/g)) parts.add(word!);
      } else {
        for (const [, expression] of value!.matchAll(/\$\{([^}]*)\}/g)) {
          const literals = [...expression!.matchAll(/'([\w -]*)'/g)];
          assert.ok(literals.length, `${file}: part="${value}" is a computed part the test does not know`);
          for (const [, words] of literals) for (const word of words!.split(' ')) if (word) parts.add(word);
        }
      }
    }
  }
  return [...parts].sort();
}

test('manifest: the element is there, in a module the package ships, defined by dist/define.js', () => {
  assert.ok(element, 'scheduler-widget is declared');
  for (const module of manifest.modules) assert.ok(existsSync(join(repo, module.path)), `${module.path} exists`);
  const define = manifest.modules.find((module: { path: string }) => module.path === 'dist/define.js');
  assert.ok(
    define?.exports?.some(
      (entry: Record<string, any>) => entry.kind === 'custom-element-definition' && entry.name === 'scheduler-widget',
    ),
    'dist/define.js defines the tag',
  );
});

test('manifest: the parts are exactly the ones the templates render', () => {
  const rendered = renderedParts();
  assert.ok(rendered.length >= 35, `found ${rendered.length} parts in the templates`);
  assert.deepEqual(names(element.cssParts), rendered);
});

test('manifest: every custom property the styles read, with the default the styles use', () => {
  const defaults = styleDefaults();
  assert.equal(defaults.size, 12);
  assert.deepEqual(
    element.cssProperties
      .map((property: { name: string; default: string }) => [property.name, property.default])
      .sort(),
    [...defaults].sort(),
  );
  assert.equal(defaults.get('--scheduler-surface'), 'light-dark(#eef2f8,#1f2736)');
});

test('manifest: every attribute and property of the element, every event with its detail type', () => {
  const declared = Object.entries(DECLARATIONS);
  assert.ok(declared.length >= 20);
  const members = new Set(names(element.members));
  const attributes = new Map(
    element.attributes.map((attribute: { name: string; fieldName: string }) => [attribute.fieldName, attribute.name]),
  );
  for (const [name, { attribute }] of declared) {
    assert.ok(members.has(name), `property ${name}`);
    assert.equal(attributes.get(name), attribute || undefined, `${name}'s attribute`);
  }
  // The kebab-case rule, and its exceptions, as a page writes them.
  assert.deepEqual(
    ['configurationId', 'apiUrl', 'requestTimeout', 'schedulerApiUrl', 'bookingInfo', 'prefill', 'language'].map(
      (name) => attributes.get(name),
    ),
    ['configuration-id', 'api-url', 'request-timeout', 'scheduler-api-url', 'booking-info', undefined, undefined],
  );
  const events = readFileSync(join(repo, 'src/events.ts'), 'utf8');
  const typed = [...events.matchAll(/'(scheduler-[\w-]+)': (CustomEvent<.*>);/g)].map(([, name, type]) => [
    name,
    type!.replace(/\s+/g, ' '),
  ]);
  assert.equal(typed.length, 16);
  assert.deepEqual(
    element.events.map((event: { name: string; type: { text: string } }) => [event.name, event.type.text]).sort(),
    typed.sort(),
  );
});
