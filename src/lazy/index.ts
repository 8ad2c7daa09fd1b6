import { nothing, type TemplateResult } from 'lit';
import { ApiError } from '../api/errors.js';
import { laterEnglish, type Strings } from '../i18n/index.js';
import { tellOwner } from '../tell-owner.js';
import { renderNotice, renderSkeleton } from '../views/common.js';
import type { PartHost, ViewContext } from '../views/context.js';
import { loadWrites } from '../flow/flow.js';
import { PARTS, type Part, type PartName } from './modules.js';

/** `failed`: what went wrong (for the owner); `told`: a widget has reported it. */
type Loading = { module?: unknown; failed?: ApiError; promise?: Promise<unknown>; told?: boolean };
/** One load per part for the whole page, shared by every widget on it. */
const parts = new Map<PartName, Loading>();

/**
 * A part's module once loaded, its `styles` adopted by the host's shadow root (after the element's
 * own, so they may refine them); until then `undefined` (loading starts, and the host re-renders
 * when it settles), or `null` when loading failed (until `retryPart`).
 */
export function getPart<K extends PartName>(name: K, host: PartHost): Part<K> | null | undefined {
  const part = loadPart(name);
  const changed = () => host.requestUpdate();
  if (!part.module && !part.failed) void part.promise!.then(changed, changed);
  const module = part.module as Part<K> | undefined;
  // The first widget that needs a part which failed reports it, once for the page (the owner's console has the fix).
  if (part.failed && !part.told) {
    part.told = true;
    host.dispatchEvent(
      new CustomEvent('scheduler-error', { detail: part.failed.toJSON(), bubbles: true, composed: true }),
    );
  }
  const root = host.shadowRoot!;
  const sheet = module?.styles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return part.failed ? null : module;
}

/** A part's module if it has loaded (for code only its own steps run). */
export const loadedPart = <K extends PartName>(name: K): Part<K> | undefined =>
  parts.get(name)?.module as Part<K> | undefined;

function loadPart(name: PartName): Loading {
  let part = parts.get(name);
  if (!part) {
    const loading: Loading = {};
    loading.promise = PARTS[name]().then(
      (module) => {
        // A part brings the English of its steps (`enLater`), which the script itself leaves out.
        Object.assign(laterEnglish, (module as { english?: Partial<Strings> }).english);
        loading.module = module;
      },
      (error) => {
        // Most often the entry was uploaded without the files beside it.
        loading.failed = new ApiError('network', `could not load the ${name} part (${error})`, 0);
        void tellOwner(loading.failed);
      },
    );
    parts.set(name, (part = loading));
  }
  return part;
}

/** Forgets a failed load, so the next `getPart` tries again. */
export function retryPart(name: PartName): void {
  if (parts.get(name)?.failed) parts.delete(name);
}

/**
 * Loads the parts of the steps after choosing a time when the browser is idle (after the first
 * paint), so that no step waits for one. The others (popup, week) load when a widget needs them.
 */
export function prefetchParts(): void {
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
  idle(() => {
    for (const name of ['details', 'outcomes'] as const) loadPart(name);
    loadWrites().catch(() => {}); // a failure is told when a write asks again
  });
}

/**
 * A step's view from a part: a placeholder while the part loads (rarely seen: parts are prefetched),
 * or a network notice with a retry if it could not load. The flow's state, and so everything the
 * guest chose or typed, is untouched meanwhile.
 */
export function renderPart<K extends PartName>(
  name: K,
  ctx: ViewContext,
  view: (part: Part<K>) => TemplateResult,
): TemplateResult | typeof nothing {
  const { host } = ctx;
  const part = getPart(name, host);
  if (part) return view(part);
  if (part === undefined) return renderSkeleton();
  return renderNotice(ctx, parts.get(name)!.failed!, () => {
    retryPart(name);
    host.requestUpdate();
  });
}
