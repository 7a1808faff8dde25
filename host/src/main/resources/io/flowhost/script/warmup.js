// Run once, on the shallow stack of the preinitialisation thread, after every class of the engine is
// initialised: it initialises the classes of the JDK behind the operations templates and scripts use
// most. A class whose initialiser first runs at the bottom of an exhausted stack (guest code can
// recurse until it is, catch the overflow and go on) fails, and stays unusable for the life of the
// process; a class initialised here cannot fail that way. The host then calls every helper the same way.
(function () {
  'use strict';
  const ignore = (f) => { try { return f(); } catch (e) { return e; } };
  const values = [undefined, null, 0, 1.5, 'abc', true, [1, 'b', { c: 3 }], { a: 1, b: [2] }, new Date(0),
    { valueOf() { return 7; }, toString() { return 'x'; } }, new String('s'), new Map([[1, 2]]), new Set([1])];
  let sink = 0;
  for (const a of values) {
    for (const b of values.slice(0, 6)) {
      ignore(() => { sink += a + b; });
      ignore(() => { sink += (a < b) + (a == b) + (a === b) + a * b - a / b; });
    }
    ignore(() => { sink += `${a}`.length + String(a).length + (typeof a).length + (!a); });
    ignore(() => { for (const x of a) { sink += x; } });
    ignore(() => { for (const k in a) { sink += k; } });
    ignore(() => { const [x, ...rest] = a; const { length, ...others } = a; sink += [x, rest, length, others].length; });
    ignore(() => [...a, ...[1]].length + ({ ...a }).constructor.name.length);
    ignore(() => a?.b?.[0] ?? 2);
    ignore(() => JSON.stringify(a) + JSON.stringify([a], null, 2));
    ignore(() => Object.keys(a).concat(Object.values(a), Object.entries(a)).length);
  }
  const list = [3, 1, 2, 'x', { n: 1 }];
  ignore(() => list.map(String).filter(Boolean).reduce((x, y) => x + y, '').length);
  ignore(() => list.slice().sort().reverse().join(', ') + list.indexOf(1) + list.includes(2) + list.find((x) => x > 1));
  ignore(() => Array.from(new Set(list)).flatMap((x) => [x]).some((x) => x).toString());
  ignore(() => 'a-b_c d'.replace(/[-_ ](.)/g, (m, c) => c.toUpperCase()).split(' ').map((s) => s.trim()));
  ignore(() => 'abc'.toUpperCase().padStart(5).endsWith('C') + 'a,b'.split(',').length + 'abc'.slice(1).charCodeAt(0));
  ignore(() => [...'a1b2'.matchAll(/(?<d>\d)/g)].map((m) => m.groups.d).concat(/a(b)/.exec('ab')));
  ignore(() => (1.5).toFixed(2) + Math.round(1.5) + Math.max(1, 2) + Number('12.5') + parseInt('ff', 16));
  ignore(() => new Date(0).toISOString() + new Date(0).getTime() + Date.now());
  ignore(() => JSON.parse('{"a":[1,{"b":null}],"c":"d"}').a[1].b);
  ignore(() => { throw new Error('e'); });
  ignore(() => { throw new TypeError('t'); });
  ignore(() => null.x);
  ignore(() => undefinedName);
  function* generate() { yield 1; yield* [2, 3]; }
  for (const value of generate()) { sink += value; }
  (async function () {
    await null;
    await Promise.all([Promise.resolve(1), Promise.reject(new Error('x')).catch(() => 2)]);
  })();
  return typeof sink;
})
