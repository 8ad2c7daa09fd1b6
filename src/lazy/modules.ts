// The views a guest needs only after choosing a time, the popup's chrome and the week layout. In the ES build these are plain dynamic
// imports that the app's bundler splits; the one-file build swaps this module for
// `modules.script.ts`, which loads them from the `parts/` folder beside the script.
export const PARTS = {
  details: () => import('../views/details.js'),
  outcomes: () => import('../views/outcome.js'),
  popup: () => import('../views/popup.js'),
  week: () => import('../views/week.js'),
};

export type PartName = keyof typeof PARTS;
export type Part<K extends PartName> = Awaited<ReturnType<(typeof PARTS)[K]>>;
