// The views a guest needs only after choosing a time, the popup's chrome and the week layout: chunks
// of their own, loaded with native `import()` (the script-tag build, or the app's bundler).
export const PARTS = {
  details: () => import('../views/details.js'),
  outcomes: () => import('../views/outcome.js'),
  popup: () => import('../views/popup.js'),
  week: () => import('../views/week.js'),
};

export type PartName = keyof typeof PARTS;
export type Part<K extends PartName> = Awaited<ReturnType<(typeof PARTS)[K]>>;
