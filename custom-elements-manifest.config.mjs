// `npm run manifest`: dist/custom-elements.json from the element's JSDoc (attributes, properties,
// events with their detail types, parts, CSS custom properties), with module paths pointing at the
// files the package ships and each custom property's default read from the styles themselves.
import { existsSync, readFileSync } from 'node:fs';

/** `--scheduler-x` → its fallback in `var(--scheduler-x,<default>)` in src/styles/styles.ts. */
export function styleDefaults(css = readFileSync(new URL('src/styles/styles.ts', import.meta.url), 'utf8')) {
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
          for (const name of defaults.keys()) if (!documented.has(name)) throw new Error(`${name} is used in the styles but has no @cssproperty`);
          for (const property of declaration.cssProperties ?? []) {
            if (!defaults.has(property.name)) throw new Error(`@cssproperty ${property.name} is not used in the styles`);
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
      customElementsManifest.modules = customElementsManifest.modules.filter((module) => existsSync(new URL(module.path, import.meta.url)));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/react.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [cssDefaultsFromStyles(), shippedPaths()],
};
