import { defineConfig } from 'vite';

// No React plugin needed: Vite's built-in Oxc transform compiles the JSX.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
});
