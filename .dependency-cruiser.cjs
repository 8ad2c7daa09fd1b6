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
      name: 'no-circular',
      comment:
        'No import circle, in the widget or the server: a module loaded later (a part, the writes) depends on what ' +
        'loads it only through types kept apart from the code (flow/state.ts, views/context.ts), never the other way.',
      severity: 'error',
      from: { path: '^(src|server)/' },
      to: { circular: true },
    },
    {
      name: 'widget-not-editor',
      comment: "The widget never imports the organizer's editor (src/editor/): the guest's script stays as it is.",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/editor/' },
      to: { path: '^src/editor/' },
    },
    {
      name: 'contract-leaf',
      comment: 'The contract is types and tiny pure functions: it imports nothing but itself.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { pathNot: '^src/contract/' },
    },
    // The local API: http → routes → scheduling | group (| notify) → store, the engine below.
    // The wiring (app.ts, start.ts, main.ts, deps.ts, demo-backend.ts, seed.ts) may use every layer.
    {
      name: 'http-not-above',
      comment: 'The HTTP plumbing knows requests, envelopes and the store, never the routes or the domain above it.',
      severity: 'error',
      from: { path: '^server/http/' },
      to: { path: ['^server/routes/', '^server/scheduling/', '^server/group/', '^server/notify/'] },
    },
    {
      name: 'routes-not-store',
      comment: 'Routes parse, authorize, call an operation and present; only operations touch the store.',
      severity: 'error',
      from: { path: '^server/routes/' },
      to: { path: '^server/store/' },
    },
    {
      name: 'routes-not-each-other',
      comment: 'A route module serves one resource; what two share lives in a layer below.',
      severity: 'error',
      from: { path: '^server/routes/([^/]+)' },
      to: { path: '^server/routes/', pathNot: '^server/routes/$1' },
    },
    {
      name: 'domain-not-http',
      comment: 'Operations know nothing of HTTP: no routes, no http/ (refusals are DomainErrors), no wiring.',
      severity: 'error',
      from: { path: ['^server/scheduling/', '^server/group/', '^server/notify/', '^server/calendars/'] },
      to: {
        path: [
          '^server/routes/',
          '^server/http/',
          '^server/(app|start|main|deps|demo-backend|seed)[.]ts$',
          '^node_modules/hono/',
          '^node_modules/@hono/',
        ],
      },
    },
    {
      name: 'scheduling-not-group',
      comment: 'Group events build on the booking rules, never the other way round.',
      severity: 'error',
      from: { path: '^server/scheduling/' },
      to: { path: '^server/group/' },
    },
    {
      name: 'notify-below-operations',
      comment: 'Notifications are written by operations; they never call one.',
      severity: 'error',
      from: { path: '^server/notify/' },
      to: { path: ['^server/scheduling/', '^server/group/'], pathNot: '^server/scheduling/context[.]ts$' },
    },
    {
      name: 'store-leaf',
      comment: "The store is SQLite and records; it imports no layer above it (the engine's types only).",
      severity: 'error',
      from: { path: '^server/store/' },
      to: { path: '^server/', pathNot: ['^server/store/', '^server/availability/types[.]ts$'] },
    },
    {
      name: 'shared-kernel-leaf',
      comment: 'Domain errors and validation are below every layer: they import none of them.',
      severity: 'error',
      from: { path: '^server/(domain-errors|validation)[.]ts$' },
      to: { path: '^server/', pathNot: '^server/(domain-errors|validation)[.]ts$' },
    },
    {
      name: 'engine-leaf',
      comment: 'The slot engine imports nothing of the server but itself.',
      severity: 'error',
      from: { path: '^server/availability/' },
      to: { path: '^server/', pathNot: '^server/availability/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
