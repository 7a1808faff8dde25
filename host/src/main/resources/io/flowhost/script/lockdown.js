// Run once in every context that is to serve several evaluations of one task or session, before
// its first, so that nothing one of them does can be seen by a later one (the idea of SES
// lockdown()). Every object an evaluation could reach without being handed it is frozen, the
// prototypes of host objects included (samples of each kind are passed in); the channels freezing
// cannot close are removed.
(function (hostObject, hostFunction, hostThrower) {
  'use strict';
  // Legacy RegExp statics are updated by the engine on every match, frozen or not.
  for (const key of ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9', 'input', '$_', 'lastMatch', '$&',
      'lastParen', '$+', 'leftContext', '$`', 'rightContext', "$'"]) {
    delete RegExp[key];
  }
  // Indirect eval could declare global lexical bindings, which live outside the global object.
  delete globalThis.eval;
  // Their callbacks would run during a later evaluation.
  delete globalThis.WeakRef;
  delete globalThis.FinalizationRegistry;
  // Its timeout settles during a later evaluation, running an earlier one's code inside it.
  if (typeof Atomics === 'object') {
    delete Atomics.waitAsync;
  }

  const hidden = [
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(async function* () {}),
    Object.getPrototypeOf((function* () {})()),
    Object.getPrototypeOf((async function* () {})()),
    Object.getPrototypeOf([][Symbol.iterator]()),
    Object.getPrototypeOf(new Map()[Symbol.iterator]()),
    Object.getPrototypeOf(new Set()[Symbol.iterator]()),
    Object.getPrototypeOf(''[Symbol.iterator]()),
    Object.getPrototypeOf(/a/[Symbol.matchAll]('a')),
    Object.getPrototypeOf(Int8Array),
    Object.getOwnPropertyDescriptor(Function.prototype, 'caller'),
    Object.getOwnPropertyDescriptor(Function.prototype, 'arguments'),
    (function () { 'use strict'; return Object.getOwnPropertyDescriptor(arguments, 'callee'); })(),
  ];
  if (typeof Iterator === 'function') {
    hidden.push(Object.getPrototypeOf([].values().map((x) => x)));
    hidden.push(Object.getPrototypeOf(Iterator.from({ next() { return { done: true }; } })));
  }
  if (typeof Intl === 'object' && typeof Intl.Segmenter === 'function') {
    const segments = new Intl.Segmenter().segment('a');
    hidden.push(Object.getPrototypeOf(segments), Object.getPrototypeOf(segments[Symbol.iterator]()));
  }

  // Host objects (the helper facade, console, helpers, setVar...) and host errors share prototypes
  // that no path from the global object reaches.
  hidden.push(Object.getPrototypeOf(hostObject), Object.getPrototypeOf(hostFunction));
  try {
    hostThrower();
  } catch (e) {
    hidden.push(Object.getPrototypeOf(e));
  }

  const seen = new Set();
  const freeze = (value) => {
    if (value === null || value === undefined || (typeof value !== 'object' && typeof value !== 'function')
        || seen.has(value)) {
      return;
    }
    seen.add(value);
    Object.freeze(value);
    freeze(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) {
        continue;
      }
      if ('value' in descriptor) {
        freeze(descriptor.value);
      } else {
        freeze(descriptor.get);
        freeze(descriptor.set);
      }
    }
  };
  freeze(globalThis);
  for (const value of hidden) {
    if (value !== null && typeof value === 'object' && ('get' in value || 'value' in value)
        && Object.getPrototypeOf(value) === Object.prototype && !Object.isFrozen(value)) {
      freeze(value.get);
      freeze(value.set);
      freeze(value.value);
    } else {
      freeze(value);
    }
  }
})
