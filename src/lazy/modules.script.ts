// The one-file build's parts (see `modules.ts`): ES modules in the `parts/` folder beside the script,
// each exporting `register(require, exports)`, a CommonJS body whose `require` answers with what
// the script itself holds, so Lit and the shared views exist once. What a part may require is
// listed in vite.config.ts (`PART_IMPORTS`) and provided here.
import { css, html, nothing } from 'lit';
import { isSlotTaken } from '../api/errors.js';
import { renderNotice, renderSummary, titleOf } from '../views/common.js';
import type { PARTS as Modules, PartName } from './modules.js';

const provided: Record<string, object> = {
  lit: { css, html, nothing },
  common: { renderNotice, renderSummary, titleOf },
  errors: { isSlotTaken },
};

// Captured while the script runs: its own URL, so parts load from beside it on any page or CDN.
const scriptUrl = import.meta.url;
let attempt = 0;

function load(name: PartName): Promise<never> {
  // A failed module fetch may be remembered by the browser: a retry asks for a fresh URL.
  const url = new URL(`parts/${name}.js${attempt ? `?${attempt}` : ''}`, scriptUrl).href;
  return import(/* @vite-ignore */ url).then(({ default: register }: { default: (require: (id: string) => object, exports: object) => void }) => {
    const exports = {};
    register((id) => provided[id]!, exports);
    return exports as never;
  }, (error: unknown) => {
    attempt++;
    throw error;
  });
}

/** Every part by its name (`modules.ts` lists them). */
export const PARTS = new Proxy({}, { get: (_, name: PartName) => () => load(name) }) as typeof Modules;
