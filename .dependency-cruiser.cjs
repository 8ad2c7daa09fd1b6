/**
 * The boundaries `npm test` enforces (npm run boundaries). Each rule names a direction of the
 * one-way data flow in ARCHITECTURE.md that an import must not go against.
 */
module.exports = {
  forbidden: [
    {
      name: 'views-not-api',
      comment: 'Views render view models and call actions; only the flow talks to the API layer.',
      severity: 'error',
      from: { path: '^src/views/' },
      to: { path: '^src/api/' },
    },
    {
      name: 'engine-pure',
      comment: 'The availability engine computes from its arguments: no store, no I/O, no HTTP.',
      severity: 'error',
      from: { path: '^server/availability/' },
      to: {
        path: ['^server/store/', '^node_modules/hono/', '^node_modules/@hono/', '^node_modules/better-sqlite3/'],
      },
    },
    {
      name: 'engine-no-node-io',
      comment: 'The availability engine uses no Node built-in (fs, net, crypto, ...).',
      severity: 'error',
      from: { path: '^server/availability/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'widget-not-server',
      comment: 'The widget (src/) never imports the local API (server/); both share src/contract/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^server/' },
    },
    {
      name: 'widget-no-circular',
      comment:
        'No import circle in the widget: a module loaded later (a part, the writes) depends on what loads it only ' +
        'through types kept apart from the code (flow/state.ts, views/context.ts), never the other way round.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'contract-leaf',
      comment: 'The contract is types and tiny pure functions: it imports nothing but itself.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { pathNot: '^src/contract/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
