// The types of `#typescript`: package.json `imports` maps its "types" condition to this file's declaration output,
// so that to the compiler `ts` is ts-morph's `ts` namespace (a value and a namespace of types at once, which the
// `const` that core/typescript.ts exports cannot be) in src/ and, for consumers, in the published dist/*.d.ts. At
// run time `#typescript` is core/typescript.ts; nothing imports this module's JavaScript.
export { ts } from 'ts-morph';
