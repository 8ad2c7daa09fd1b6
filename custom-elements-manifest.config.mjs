// `npm run manifest`: dist/custom-elements.json from the element's JSDoc (attributes, properties,
// events with their detail types, parts, CSS custom properties), with module paths pointing at the
// files the package ships and each custom property's default read from the styles themselves.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

/** `--scheduler-x` → its fallback in `var(--scheduler-x,<default>)` in src/styles/styles.ts. */
export function styleDefaults(
  css = ['host', 'styles']
    .map((name) => readFileSync(new URL(`src/styles/${name}.ts`, import.meta.url), 'utf8'))
    .join('\n'),
) {
  const defaults = new Map();
  for (const found of css.matchAll(/var\((--scheduler-[\w-]+),/g)) {
    let depth = 0;
    let end = found.index + found[0].length;
    for (; end < css.length; end++) {
      if (css[end] === '(') depth++;
      else if (css[end] === ')' && depth-- === 0) break;
    }
    defaults.set(found[1], css.slice(found.index + found[0].length, end));
  }
  return defaults;
}

function cssDefaultsFromStyles() {
  return {
    name: 'css-defaults-from-styles',
    packageLinkPhase({ customElementsManifest }) {
      const defaults = styleDefaults();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          const documented = new Set((declaration.cssProperties ?? []).map((property) => property.name));
          for (const name of defaults.keys())
            if (!documented.has(name)) throw new Error(`${name} is used in the styles but has no @cssproperty`);
          for (const property of declaration.cssProperties ?? []) {
            if (!defaults.has(property.name))
              throw new Error(`@cssproperty ${property.name} is not used in the styles`);
            property.default = defaults.get(property.name);
          }
        }
      }
    },
  };
}

/**
 * src/x.ts → dist/x.js wherever the manifest names a module (the package ships dist only); modules
 * with no JavaScript of their own (types only) are left out.
 */
function shippedPaths() {
  const toDist = (value) => value.replace(/^\/?src\/(.+)\.ts$/, 'dist/$1.js');
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = toDist(value);
      else walk(value);
    }
  };
  return {
    name: 'shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      walk(customElementsManifest);
      customElementsManifest.modules = customElementsManifest.modules.filter((module) =>
        existsSync(new URL(module.path, import.meta.url)),
      );
    },
  };
}

/**
 * The element's attributes and properties from their one declaration, the table in
 * src/element/properties.ts: each one's description and type from the source, its attribute and
 * whether it reflects from Lit's declarations as the build made them (dist/element/properties.js).
 */
function elementProperties() {
  const file = 'src/element/properties.ts';
  return {
    name: 'element-properties',
    packageLinkPhase({ customElementsManifest }) {
      const { DECLARATIONS } = createRequire(import.meta.url)('./dist/element/properties.js');
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      let table;
      source.forEachChild(function find(node) {
        if (ts.isVariableDeclaration(node) && node.name.getText() === 'PROPERTIES') table = node.initializer;
        else node.forEachChild(find);
      });
      const literalType = { [ts.SyntaxKind.StringLiteral]: 'string', [ts.SyntaxKind.NumericLiteral]: 'number' };
      const fields = table.properties.map((entry) => {
        const name = entry.name.getText();
        const value = entry.initializer;
        const typed = ts.isAsExpression(value);
        const type = typed ? value.type.getText() : (literalType[value.kind] ?? 'boolean');
        const description = ts
          .getJSDocCommentsAndTags(entry)
          .map((doc) => ts.getTextOfJSDocComment(doc.comment))
          .join('\n')
          .replace(/\s*\n\s*/g, ' ');
        const { attribute, reflect } = DECLARATIONS[name];
        const fallback = (typed ? value.expression : value).getText();
        return { name, type: { text: type }, default: fallback, description, attribute, reflect };
      });
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.tagName !== 'scheduler-widget') continue;
          const members = fields.map(({ attribute, reflect, ...field }) => ({
            kind: 'field',
            privacy: 'public',
            ...field,
            ...(attribute ? { attribute } : {}),
            ...(reflect ? { reflects: true } : {}),
          }));
          declaration.members = [...members, ...(declaration.members ?? [])];
          declaration.attributes = fields
            .filter(({ attribute }) => attribute)
            .map(({ name, attribute, type, default: value, description }) => ({
              name: attribute,
              type,
              default: value,
              description,
              fieldName: name,
            }));
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/react.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [cssDefaultsFromStyles(), elementProperties(), shippedPaths()],
};
