package io.flowhost.script;

import io.flowhost.script.helpers.Helper;
import io.flowhost.script.helpers.HelperLibrary;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The one place guest code runs: a shared GraalJS {@link Engine}, and locked-down {@link Context}s,
 * each evaluation watched by the {@link Watchdog}.
 *
 * <p>Isolation is by owner: every context belongs to one {@link ScriptContexts} (a task, a
 * playground session, an API call) and is closed when its owner ends, so nothing one owner leaves in
 * a context, memory included, is ever seen by another. Within an owner, a context that serves more
 * than one evaluation is locked down first ({@code lockdown.js} deep-freezes every intrinsic, the
 * global object and the prototypes of host objects, and removes the channels freezing cannot
 * close), and evaluations keep their state in their own function scope. A context that was stopped
 * (timeout, memory, cancel, statement limit) is never reused. An evaluation without an owner gets a
 * fresh context, closed after it.
 *
 * <p>Author code is never pasted into source: it becomes a function through the {@code Function}
 * constructor (see {@link Code}), which parses it as exactly one function body.
 *
 * <p>Deny by default: {@link SandboxPolicy#CONSTRAINED}, no host class lookup (left unset, so
 * {@code Java} does not exist), {@link HostAccess#CONSTRAINED} (only our proxies are reachable),
 * no IO, threads, processes, native access, environment or polyglot access; {@code load},
 * {@code print}, {@code Graal} and the built-in {@code console} are switched off; stdout and stderr
 * go nowhere.
 */
final class Sandbox {
    static final String LANGUAGE = "js";
    /** The name GraalJS gives the sources the {@code Function} constructor makes: the author's code. */
    static final String AUTHORED = "<function>";
    /** A scope longer than this is parsed before the evaluation's clock starts. */
    private static final int UNWATCHED_SCOPE_CHARS = 1024 * 1024;
    /** How much of an error message leaves the sandbox. */
    static final int ERROR_CHARS = 2000;

    private static final int SOURCE_CACHE_SIZE = 4096;
    private static final Map<String, Source> SOURCES = new ConcurrentHashMap<>();
    private static final Pattern SYNTAX_PLACE = Pattern.compile("^SyntaxError: " + Pattern.quote(AUTHORED) + ":(\\d+):(\\d+) (.*)$");

    // The host's own guest functions are strict, so that guest code reached from them (a toJSON, a
    // getter) cannot find them through 'caller' and mark them for a later evaluation to read.

    /**
     * Makes a function from a parameter list and a body with the {@code Function} (or
     * {@code AsyncFunction}) constructor, captured before any author code runs in the context.
     */
    private static final Source MAKER = Source.create(LANGUAGE, """
            (function() {
              'use strict';
              const F = Function, AF = Object.getPrototypeOf(async function() {}).constructor;
              return function(params, body, async) { return async ? AF(params, body) : F(params, body); };
            })()""");

    private static final Source RETHROW = Source.create(LANGUAGE, "(function(e){'use strict';throw e})");

    /**
     * The helper facade: a frozen object of one function per helper, which measures its arguments
     * (characters of text, values, nesting) against the helpers' limits before calling the host.
     * Written for the interpreter: no rest parameters or spread in the common case, and only
     * arguments that are objects or long texts are measured.
     */
    private static final Source FACADE = Source.create(LANGUAGE, """
            (function(hosts, names, signatures, maxChars, maxValues, maxDepth) {
              'use strict';
              const isArray = Array.isArray, values = Object.values, slice = Array.prototype.slice, apply = Reflect.apply;
              const measure = (name, args) => {
                let chars = 0, count = args.length;
                const pending = [args], depths = [0];
                while (pending.length > 0) {
                  const value = pending.pop(), depth = depths.pop();
                  if (typeof value === 'string') {
                    chars += value.length;
                    if (chars > maxChars) {
                      throw new RangeError(name + ": a helper's arguments hold more than the limit of " + maxChars
                          + ' characters');
                    }
                  } else if (value !== null && typeof value === 'object') {
                    if (depth > maxDepth) {
                      throw new RangeError(name + ': a helper argument is nested more than ' + maxDepth + ' levels deep');
                    }
                    const elements = isArray(value) ? value : values(value);
                    count += elements.length;
                    if (count > maxValues) {
                      throw new RangeError(name + ": a helper's arguments hold more than the limit of " + maxValues
                          + ' values');
                    }
                    for (let i = 0; i < elements.length; i++) {
                      pending.push(elements[i]);
                      depths.push(depth + 1);
                    }
                    if (!isArray(value)) {
                      for (const key of Object.keys(value)) chars += key.length;
                    }
                  }
                }
              };
              const large = (v) => typeof v === 'object' ? v !== null : typeof v === 'string' && v.length > 65536;
              const facade = {}, signature = signatures.split('\\n');
              names.split(',').forEach((name, i) => {
                const described = signature[i], host = hosts[i];
                facade[name] = Object.freeze(function(a, b, c) {
                  const n = arguments.length;
                  if (n > 3) {
                    const args = slice.call(arguments);
                    measure(described, args);
                    return apply(host, undefined, args);
                  }
                  if (large(a) || large(b) || large(c)) {
                    measure(described, slice.call(arguments));
                  }
                  return n === 0 ? host() : n === 1 ? host(a) : n === 2 ? host(a, b) : host(a, b, c);
                });
              });
              return Object.freeze(facade);
            })""");

    /** Reads JSON text into guest values. */
    private static final Source PARSE = Source.create(LANGUAGE, "(function(t){'use strict';return JSON.parse(t)})");

    /**
     * A guest value as JSON text, or {@code undefined} for undefined; a number (the length) when the
     * text is longer than the limit, so that an oversized text never crosses into the host.
     */
    private static final Source JSON_OUT = Source.create(LANGUAGE, """
            (function(v, limit) {
              'use strict';
              if (v === undefined) return undefined;
              const text = JSON.stringify(v);
              if (text === undefined) return undefined;
              return text.length > limit ? text.length : text;
            })""");

    /** Makes an author's function safe to call again: frozen, with its prototype. */
    private static final Source FREEZE = Source.create(LANGUAGE, """
            (function(f) {
              'use strict';
              Object.freeze(f);
              if (f.prototype !== undefined) Object.freeze(f.prototype);
              return f;
            })""");

    /**
     * Runs a script function in one host-to-guest call: takes the scope (kind 1: JSON text to parse,
     * 2: a guest value, 0: undefined), calls the function, and gives back the result as JSON text (a number when it is
     * longer than the limit), {@code undefined}, or the promise it returned.
     */
    private static final Source SCRIPT = Source.create(LANGUAGE, """
            (function() {
              'use strict';
              const objects = Object.prototype, arrays = Array.prototype, prototypeOf = Object.getPrototypeOf;
              return function(f, scope, kind, helpers, setVar, setNodes, setItems, console, limit) {
                const result = f(kind === 1 ? JSON.parse(scope) : kind === 2 ? scope : undefined,
                    helpers, setVar, setNodes, setItems, console);
                // plain objects and arrays, the common results, skip the costlier instanceof
                if (typeof result === 'object' && result !== null) {
                  const prototype = prototypeOf(result);
                  if (prototype !== objects && prototype !== arrays && result instanceof Promise) return result;
                }
                if (result === undefined) return undefined;
                const text = JSON.stringify(result);
                if (text === undefined) return undefined;
                return text.length > limit ? text.length : text;
              };
            })()""");

    /**
     * Runs a template function in one call on the scope (kind 1: JSON text to parse, 2: a guest value
     * already parsed, as for a template of several parts, 0: undefined): its value as JSON text (mode 0), template
     * text (1) or truth (2); a number (the length) when the text is longer than the limit.
     */
    private static final Source EXPRESSION = Source.create(LANGUAGE, """
            (function(f, scope, kind, helpers, mode, limit) {
              'use strict';
              const v = f(kind === 1 ? JSON.parse(scope) : kind === 2 ? scope : undefined, helpers);
              if (mode === 2) return !!v;
              let text;
              if (mode === 1) {
                text = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
                if (text === undefined) text = String(v);
              } else {
                if (v === undefined) return undefined;
                text = JSON.stringify(v);
                if (text === undefined) return undefined;
              }
              return text.length > limit ? text.length : text;
            })""");

    /**
     * {@code console} for scripts, built in the guest so that only bounded text crosses into the
     * host: each line is cut at the limit, and the host is told how long it was.
     */
    private static final Source CONSOLE = Source.create(LANGUAGE, """
            (function(sink, limit) {
              'use strict';
              const text = (v) => {
                if (typeof v === 'string') return v;
                if (v !== null && typeof v === 'object') {
                  try { const json = JSON.stringify(v); if (json !== undefined) return json; } catch (e) {}
                }
                return String(v);
              };
              const line = (level) => Object.freeze(function(...args) {
                let out = '';
                for (let i = 0; i < args.length && out.length <= limit; i++) {
                  out += (i > 0 ? ' ' : '') + text(args[i]);
                }
                sink(level, out.length > limit ? out.slice(0, limit) : out, out.length);
              });
              return Object.freeze({ log: line('info'), info: line('info'), warn: line('warn'), error: line('error') });
            })""");

    private Sandbox() {}

    // ---- the engine

    private static final class EngineHolder {
        static final Engine ENGINE = create();

        private static Engine create() {
            Engine engine = Engine.newBuilder(LANGUAGE)
                    .sandbox(SandboxPolicy.CONSTRAINED)
                    .out(OutputStream.nullOutputStream())
                    .err(OutputStream.nullOutputStream())
                    .option("engine.WarnInterpreterOnly", "false")
                    .build();
            // Under the optimizing runtime, a first guest exception that is a stack overflow later
            // breaks guest exception handling: make the first one an ordinary throw and catch.
            try (Context context = newContext(engine, null)) {
                context.eval(LANGUAGE, "try { throw new Error('warm-up') } catch (e) {}");
                // The first run of an evaluation's path (driver, binder, JSON both ways) loads and
                // initialises the engine's classes for it, a good part of a second on a busy machine:
                // here, not on the clock of the first author's evaluation.
                Realm realm = new Realm(context, Long.MAX_VALUE, false);
                Evaluation evaluation = new Evaluation(realm, Limits.defaults(), ScriptConsole.NONE, () -> false);
                Code code = Code.expression("[node.name, typeof node].join()", List.of("node"), List.of());
                evaluation.expressionJson(evaluation.function(code, (line, column) -> new int[] {line, column}),
                        "{\"name\":\"warm-up\"}", null);
                evaluation.finishWarmUp();
            }
            // not a lambda of this class: its body would wait for this initialiser to end
            PREINITIALIZED.startInBackground(Sandbox::warmUp);
            return engine;
        }
    }

    private static final Preinitialization PREINITIALIZED = new Preinitialization();

    /** @return completes when every class of the engine has been initialised (see {@link Preinitialization}) */
    static java.util.concurrent.CompletableFuture<Void> preinitialized() {
        engine();
        return PREINITIALIZED.done();
    }

    /**
     * Runs warmup.js and every helper's example (through the same host callbacks as an evaluation),
     * on the shallow stack of the {@link Preinitialization} thread, so that the classes of the JDK
     * and the libraries they use are initialised there, not at the bottom of an exhausted stack.
     */
    private static void warmUp() {
        Context context = newContext(engine(), null);
        try {
            context.eval(resource("warmup.js")).execute();
            Evaluation evaluation = new Evaluation(new Realm(context, Long.MAX_VALUE, false), Limits.defaults(),
                    ScriptConsole.NONE, () -> false);
            List<String> names = HelperLibrary.all().stream().map(Helper::name).toList();
            StringBuilder calls = new StringBuilder("(function(h){'use strict';");
            for (Helper helper : HelperLibrary.all()) {
                // the examples are the helper library's own code, not an author's
                calls.append("try{(function(").append(helper.name()).append("){return ").append(helper.example())
                        .append("})(h.").append(helper.name()).append(")}catch(e){}")
                        .append("try{h.").append(helper.name()).append("()}catch(e){}");
            }
            calls.append("})");
            context.eval(LANGUAGE, calls.toString()).execute(evaluation.helpers(names));
        } finally {
            context.close(true);
        }
    }

    static Engine engine() {
        Engine engine = EngineHolder.ENGINE;
        PREINITIALIZED.awaitIfAsked();
        return engine;
    }

    /** A parsed source of our own, shared by every context of the engine. */
    static Source source(String name, String text) {
        String key = name + "\u0000" + text;
        Source source = SOURCES.get(key);
        if (source == null) {
            if (SOURCES.size() >= SOURCE_CACHE_SIZE) {
                SOURCES.clear(); // simple bound: templates of a host are few, a flood of one-offs is rare
            }
            source = Source.newBuilder(LANGUAGE, text, name).cached(true).buildLiteral();
            SOURCES.put(key, source);
        }
        return source;
    }

    private static final Source LOCKDOWN = resource("lockdown.js");

    private static Source resource(String name) {
        try (var in = Sandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("io/flowhost/script/" + name + " is missing from the build");
            }
            return Source.newBuilder(LANGUAGE, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    name).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A new context, ready to evaluate: its realm initialised, and locked down when it is to serve
     * several evaluations. Neither counts against an evaluation's time: it happens before the guard.
     */
    static Realm newRealm(Limits limits, boolean lockDown) {
        Context context = newContext(engine(), limits);
        try {
            context.initialize(LANGUAGE);
            if (lockDown) {
                context.eval(LOCKDOWN).execute(ProxyObject.fromMap(Map.of()), (ProxyExecutable) args -> null,
                        (ProxyExecutable) args -> {
                            throw new IllegalArgumentException("a host error, to find its prototype");
                        });
            }
            context.resetLimits();
            return new Realm(context, limits.statements(), lockDown);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    private static Context newContext(Engine engine, Limits limits) {
        Context.Builder builder = Context.newBuilder(LANGUAGE)
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .in(java.io.InputStream.nullInputStream())
                .allowHostAccess(HostAccess.CONSTRAINED)
                .allowIO(org.graalvm.polyglot.io.IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .option("js.console", "false")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false");
        if (limits != null) {
            // only the author's code counts: the sources the Function constructor made
            builder.resourceLimits(ResourceLimits.newBuilder()
                    .statementLimit(limits.statements(), source -> AUTHORED.equals(source.getName()))
                    .build());
        }
        return builder.build();
    }

    /** A context and the functions it has made. Used by one evaluation at a time. */
    static final class Realm {
        final Context context;
        final long statements;
        /** Whether lockdown.js ran: only such a context may serve a second evaluation. */
        final boolean lockedDown;
        // Sources are canonical (static, or from the SOURCES cache) and Source.hashCode() reads the
        // whole text: look them up by identity
        private final Map<Source, Value> functions = new IdentityHashMap<>();
        private final Map<Code, Value> compiled = new IdentityHashMap<>();

        private Realm(Context context, long statements, boolean lockedDown) {
            this.context = context;
            this.statements = statements;
            this.lockedDown = lockedDown;
        }

        /** Keyed by the list of names of a {@link Code}, which is the same object every time. */
        private final Map<List<String>, Value> facades = new IdentityHashMap<>();

        /**
         * The named helpers as one frozen guest object, made once per context: each member first
         * measures its arguments in the guest, where the watchdog can stop it, so that an argument
         * over the helpers' limits fails before any of it is copied into the host, then calls the
         * helper through {@link #callback}.
         */
        Value helpers(List<String> names) {
            Value facade = facades.get(names);
            if (facade == null) {
                List<Object> hosts = new ArrayList<>(names.size());
                List<String> signatures = new ArrayList<>(names.size());
                for (String name : names) {
                    Helper helper = HelperLibrary.find(name).orElseThrow();
                    signatures.add(helper.signature());
                    hosts.add(callback("helper '" + name + "'", args -> GuestValues.toGuest(
                            helper.function().apply(GuestValues.arguments(helper.signature(), args)),
                            json -> function(PARSE).execute(json))));
                }
                facade = function(FACADE).execute(ProxyArray.fromList(hosts), String.join(",", names),
                        String.join("\n", signatures), GuestValues.MAX_CHARS, GuestValues.MAX_VALUES,
                        GuestValues.MAX_DEPTH);
                facades.put(names, facade);
            }
            return facade;
        }

        /** The value of a source of ours that evaluates to a function, made once per context. */
        Value function(Source source) {
            Value function = functions.get(source);
            if (function == null) {
                if (functions.size() > 256) {
                    functions.clear();
                }
                function = context.eval(source);
                functions.put(source, function);
            }
            return function;
        }

        /**
         * The author's code as a function bound to the scope and helpers, made and frozen once per
         * context: a later evaluation calls the same frozen object, so it cannot carry anything
         * from one to the next.
         *
         * @throws TemplateException for a syntax error, in the author's coordinates
         */
        Value compiled(Code code, Locator locator) {
            Value bound = compiled.get(code);
            if (bound == null) {
                if (compiled.size() > 256) {
                    compiled.clear();
                }
                Value maker = function(MAKER);
                if (code.kind == Code.Kind.SCRIPT && !code.checked()) {
                    // the body alone, as the author wrote it, so that a syntax error is in their terms
                    make(maker, "", code.authored, code, locator, true);
                    code.markChecked();
                }
                Value author = make(maker, code.params, code.body, code, locator, false);
                function(FREEZE).execute(author);
                bound = function(FREEZE).execute(function(code.binder).execute(author));
                compiled.put(code, bound);
            }
            return bound;
        }

        private static Value make(Value maker, String params, String body, Code code, Locator locator, boolean alone) {
            try {
                return maker.execute(params, body, code.async);
            } catch (PolyglotException e) {
                if (!e.isSyntaxError()) {
                    throw e;
                }
                throw syntaxError(e, code, locator, alone);
            }
        }
    }

    /** Maps a 1-based place in the author's code to the text the author wrote (a template, a script). */
    interface Locator {
        /** @return {line, column} in the author's text */
        int[] locate(int line, int column);
    }

    /**
     * A syntax error of the {@code Function} constructor, whose message reads
     * {@code SyntaxError: <function>:LINE:COLUMN reason} in the body's coordinates (column 0-based),
     * followed by the line and a caret; a place in our own lines is the end of the author's text.
     */
    private static TemplateException syntaxError(PolyglotException e, Code code, Locator locator, boolean alone) {
        String message = String.valueOf(e.getMessage());
        String[] lines = message.split("\n", -1);
        Matcher place = SYNTAX_PLACE.matcher(lines[0]);
        String reason = lines[0];
        int[] at = null;
        if (place.matches()) {
            int line = Integer.parseInt(place.group(1));
            int column = Integer.parseInt(place.group(2)) + 1;
            reason = "SyntaxError: " + place.group(3);
            // GraalJS reports some errors inside template literals relative to the literal: find the
            // quoted line in the author's text when it is not where the number says
            String quoted = lines.length > 1 ? lines[1] : null;
            int bodyLine = alone ? line + 1 : line;
            at = code.fromBody(bodyLine, column);
            String[] authored = code.authored.split("\n", -1);
            if (quoted != null && (at == null || !authored[at[0] - 1].equals(quoted))) {
                for (int i = 0; i < authored.length; i++) {
                    if (!quoted.isEmpty() && authored[i].equals(quoted)) {
                        at = new int[] {i + 1, column};
                        break;
                    }
                }
            }
        }
        if (at == null) {
            // the engine points at our own lines: the author's code ended too early
            at = code.end();
            reason = reason.replaceFirst("found (\\)|\\}|eof)$",
                    "found the end of the " + (code.kind == Code.Kind.SCRIPT ? "script" : "expression"));
        }
        int[] located = locator.locate(at[0], at[1]);
        return new TemplateException(cut(reason), null, located[0], located[1], null);
    }

    // ---- evaluations

    /** What guest code may call while it runs, and what it gave back. */
    static final class Evaluation {
        private final Realm realm;
        private final Limits limits;
        private final ScriptConsole console;
        private final BooleanSupplier cancelled;
        private Watchdog.Guard guard;
        private Code current;
        private Locator locator;
        private long consoleUsed;
        private boolean consoleTruncated;

        private Evaluation(Realm realm, Limits limits, ScriptConsole console, BooleanSupplier cancelled) {
            this.realm = realm;
            this.limits = limits;
            this.console = console;
            this.cancelled = cancelled;
        }

        /**
         * The author's code as a function, made in this context if it was not yet; from now on
         * errors are located through {@code locator}.
         */
        Value function(Code code, Locator locator) {
            this.current = code;
            this.locator = locator;
            return realm.compiled(code, locator);
        }

        /** Ends the watch of the engine's own warm-up evaluation. */
        private void finishWarmUp() {
            if (guard != null) {
                guard.finish();
            }
        }

        /** Starts the clock at the first call of author code: making the context and the function is ours. */
        private void watch() {
            if (guard == null) {
                guard = Watchdog.watch(realm.context, limits, cancelled);
            }
        }

        /**
         * The scope as the driver takes it: a large one is parsed before the clock starts (reading
         * the message is the host's work, not the author's, and a 50 MB message takes seconds in the
         * interpreter); the watchdog allows for the copy of a smaller one.
         */
        private Object handOver(Object scope) {
            if (scope instanceof String text && text.length() > UNWATCHED_SCOPE_CHARS) {
                Value parsed = parse(text);
                watch();
                return parsed;
            }
            watch();
            if (scope instanceof String text) {
                guard.allow(4L * text.length());
            }
            return scope;
        }

        /** How the driver reads what {@link #handOver} gave: 1 JSON text, 2 a guest value, 0 undefined. */
        private static int kind(Object scope) {
            return scope instanceof String ? 1 : scope instanceof Value ? 2 : 0;
        }

        /**
         * Calls a script function with the scope (JSON text, {@code null} for undefined) and its host objects.
         *
         * @return the result as JSON text (bounded by the result limit), {@code null} for undefined,
         *         or a guest promise
         */
        Object script(Value function, String scope, Object helpers, Object setVar, Object setNodes, Object setItems,
                Object console) {
            Value driver = realm.function(SCRIPT);
            Object handed = handOver(scope);
            Value result = driver.execute(function, handed, kind(handed), helpers, setVar, setNodes, setItems, console,
                    limits.resultBytes());
            if (result.isString()) {
                return result.asString();
            }
            if (result.isNumber()) {
                throw new ResultTooLarge(limits.resultBytes());
            }
            return result.isNull() ? null : result;
        }

        /**
         * Calls a template function on the scope (JSON text or a parsed guest value).
         *
         * @return its value as JSON text, or {@code null} for undefined
         */
        String expressionJson(Value function, Object scope, Object helpers) {
            Value result = expression(function, scope, helpers, 0);
            return result.isNull() ? null : text(result);
        }

        /** Calls a template function on the scope (JSON text or a parsed guest value): its value as text. */
        String expressionText(Value function, Object scope, Object helpers) {
            return text(expression(function, scope, helpers, 1));
        }

        /** Calls a template function on the scope (JSON text or a parsed guest value): whether it is truthy. */
        boolean expressionTruth(Value function, Object scope, Object helpers) {
            return expression(function, scope, helpers, 2).asBoolean();
        }

        private Value expression(Value function, Object scope, Object helpers, int mode) {
            Value driver = realm.function(EXPRESSION);
            Object handed = handOver(scope);
            return driver.execute(function, handed, kind(handed), helpers, mode, limits.resultBytes());
        }

        private String text(Value result) {
            if (result.isNumber()) {
                throw new ResultTooLarge(limits.resultBytes());
            }
            return result.asString();
        }

        /** Throws a rejected promise's reason as the guest error it is, so that it is located and reported as one. */
        void rethrow(Value reason) {
            realm.function(RETHROW).execute(reason);
        }

        /** JSON text to a guest value. */
        Value parse(String json) {
            return realm.function(PARSE).execute(json);
        }

        /** A guest value as JSON text, or {@code null} for undefined; bounded by the result limit. */
        String json(Value value) {
            Value text = realm.function(JSON_OUT).execute(value, limits.resultBytes());
            if (text.isNull()) {
                return null;
            }
            if (text.isNumber()) {
                throw new ResultTooLarge(limits.resultBytes());
            }
            return text.asString();
        }

        /**
         * The named helpers as one frozen guest object (see {@link Realm#helpers}); {@code null} when
         * there are none, so that code which names no helper costs nothing.
         */
        Value helpers(List<String> names) {
            return names.isEmpty() ? null : realm.helpers(names);
        }

        /** {@code console} for scripts: lines go to the {@link ScriptConsole}, bounded by the console limit. */
        Value console() {
            ProxyExecutable sink = callback("console", args -> {
                print(args[0].asString(), args[1].asString(), args[2].asLong());
                return null;
            });
            return realm.function(CONSOLE).execute(sink, Math.min(limits.consoleBytes(), Integer.MAX_VALUE - 1));
        }

        private void print(String level, String line, long length) {
            if (consoleTruncated) {
                return;
            }
            long room = limits.consoleBytes() - consoleUsed;
            consoleUsed += length;
            if (length > room) {
                consoleTruncated = true;
                if (room > 0) {
                    console.line(level, line.substring(0, (int) Math.min(room, line.length())) + " ... (" + (length - room)
                            + " more characters)");
                }
                console.line("warn", "console output truncated: more than " + Limits.size(limits.consoleBytes()));
            } else {
                console.line(level, line);
            }
        }
    }

    /**
     * Host code that guest code calls. Each call first makes sure the thread has stack to spare, so
     * that a class the JDK or the engine initialises inside it never fails halfway (which would break
     * that class for the life of the process), and a stack overflow inside it is the guest's error.
     */
    static ProxyExecutable callback(String what, ProxyExecutable body) {
        return args -> {
            if (!StackRoom.available()) {
                throw new NoStackLeft(what);
            }
            try {
                return body.execute(args);
            } catch (StackOverflowError e) {
                throw new NoStackLeft(what);
            }
        };
    }

    /** A host callback found too little stack to run safely. */
    static final class NoStackLeft extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoStackLeft(String what) {
            super("RangeError: Maximum call stack size exceeded (no stack left for " + what + ")", null, false, false);
        }
    }

    /** The result of an evaluation was larger than its limit. */
    static final class ResultTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResultTooLarge(long limit) {
            super("result is larger than " + Limits.size(limit), null, false, false);
        }
    }

    /** The work of one evaluation. */
    interface Body<T> {
        T run(Evaluation evaluation);
    }

    /**
     * Runs guest code in a context of {@code owner} (a fresh one when it is {@code null}) under the
     * limits, and translates every way it can fail into a {@link TemplateException} located in the
     * author's text.
     *
     * @param text the author's text, quoted by errors
     */
    static <T> T run(ScriptContexts owner, Limits limits, BooleanSupplier cancelled, ScriptConsole console, String text,
            Body<T> body) {
        Realm realm = owner == null ? newRealm(limits, false) : owner.acquire(limits);
        Evaluation evaluation = new Evaluation(realm, limits, console, cancelled);
        boolean reusable = false;
        try {
            T result = body.run(evaluation);
            reusable = true;
            return result;
        } catch (TemplateException e) {
            // a syntax error leaves the context as it was
            reusable = true;
            throw e.withSource(text);
        } catch (PolyglotException e) {
            // a guest error leaves the context as it was; a stopped or exhausted one is dropped
            reusable = e.isGuestException() && !e.isCancelled() && !e.isResourceExhausted() && !e.isInternalError()
                    && !e.isExit();
            throw translate(e, evaluation, limits, text);
        } catch (ResultTooLarge e) {
            reusable = true;
            throw located(e.getMessage(), evaluation, text);
        } catch (IllegalStateException e) {
            // a context closed by the watchdog (or its owner) between two guest calls
            Watchdog.Reason reason = evaluation.guard == null ? null : evaluation.guard.reason();
            if (reason != null) {
                throw located(reason.message(evaluation.guard, limits), evaluation, text);
            }
            throw e;
        } finally {
            boolean stopped = evaluation.guard != null && !evaluation.guard.finish();
            if (owner == null) {
                if (!stopped) {
                    close(realm);
                }
            } else {
                owner.release(realm, reusable && !stopped, stopped);
            }
        }
    }

    static void close(Realm realm) {
        try {
            realm.context.close(true);
        } catch (RuntimeException ignored) {
            // already closed by the watchdog
        }
    }

    private static TemplateException located(String message, Evaluation evaluation, String text) {
        int[] at = evaluation.current == null ? new int[] {1, 1} : evaluation.locator.locate(1, 1);
        return new TemplateException(cut(message), text, at[0], at[1], null);
    }

    private static TemplateException translate(PolyglotException e, Evaluation evaluation, Limits limits, String text) {
        Watchdog.Reason reason = evaluation.guard == null ? null : evaluation.guard.reason();
        String message;
        if (reason != null) {
            message = reason.message(evaluation.guard, limits);
        } else if (e.isResourceExhausted() && String.valueOf(e.getMessage()).contains("Statement count limit")) {
            message = "script exceeded its statement limit (" + limits.statements() + " statements)";
        } else if (e.isResourceExhausted()) {
            Runtime runtime = Runtime.getRuntime();
            message = "script ran out of memory: the host's heap of " + Limits.size(runtime.maxMemory())
                    + " is full (" + e.getMessage() + ")";
        } else if (e.isCancelled()) {
            message = "script was cancelled";
        } else if (e.isHostException()) {
            Throwable host = e.asHostException();
            message = host instanceof IllegalArgumentException || host instanceof ResultTooLarge
                    || host instanceof NoStackLeft ? host.getMessage()
                    : host.getClass().getSimpleName() + ": " + host.getMessage();
        } else if (e.isInternalError()) {
            message = "internal error in the script engine: " + e.getMessage();
        } else {
            message = cleanMessage(e.getMessage());
        }
        int[] at = locate(e, evaluation);
        return new TemplateException(cut(message), text, at[0], at[1], new GuestStack(cut(message), e));
    }

    /** The reason alone: GraalJS adds the source line and a caret after the first line. */
    private static String cleanMessage(String message) {
        if (message == null) {
            return "error";
        }
        return message.lines().findFirst().orElse(message);
    }

    /** @return the message, cut to {@link #ERROR_CHARS} with a note of how much was left out */
    static String cut(String message) {
        if (message == null || message.length() <= ERROR_CHARS) {
            return message;
        }
        return message.substring(0, ERROR_CHARS) + " ... (" + (message.length() - ERROR_CHARS) + " more characters)";
    }

    /** The first place in the current author code, mapped to the author's text; else where that code starts. */
    private static int[] locate(PolyglotException e, Evaluation evaluation) {
        Code code = evaluation.current;
        if (code == null) {
            return new int[] {1, 1};
        }
        List<SourceSection> places = new ArrayList<>();
        places.add(e.getSourceLocation());
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame()) {
                places.add(frame.getSourceLocation());
            }
        }
        String suffix = "\n" + code.body + "\n})";
        for (SourceSection place : places) {
            if (place != null && place.isAvailable() && AUTHORED.equals(place.getSource().getName())
                    && place.getSource().getCharacters().toString().endsWith(suffix)) {
                int[] at = code.fromFunctionSource(place.getStartLine(), place.getStartColumn());
                if (at != null) {
                    return evaluation.locator.locate(at[0], at[1]);
                }
            }
        }
        return evaluation.locator.locate(1, 1);
    }

    /**
     * What is kept of a guest error for {@code --verbose}: its message and stack, but not the
     * error itself, which would keep the closed context and everything the script made alive.
     */
    static final class GuestStack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GuestStack(String message, PolyglotException e) {
            super(message, null, false, true);
            List<StackTraceElement> frames = new ArrayList<>();
            for (StackTraceElement element : e.getStackTrace()) {
                if (frames.size() >= 64) {
                    break;
                }
                frames.add(element);
            }
            setStackTrace(frames.toArray(StackTraceElement[]::new));
        }
    }
}
