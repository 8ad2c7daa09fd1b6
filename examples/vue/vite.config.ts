import { defineConfig } from 'vite';

// The template in main.ts is compiled in the browser, so use Vue's build that includes the
// compiler. (With single-file components and @vitejs/plugin-vue, templates are compiled at build
// time instead: set `template.compilerOptions.isCustomElement` in the plugin's options.)
export default defineConfig({
  resolve: { alias: [{ find: /^vue$/, replacement: 'vue/dist/vue.esm-bundler.js' }] },
});
