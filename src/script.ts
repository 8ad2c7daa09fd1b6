// The script-tag entry (`vite build --mode script`): registers the element and exports nothing, so
// the bundle keeps only what the element uses, not every export of the package's entry.
import './define.js';
