package io.flowhost.script;

import io.flowhost.script.helpers.Helper;
import io.flowhost.script.helpers.HelperLibrary;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
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
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The one place guest code runs: a shared GraalJS {@link Engine}, and locked-down {@link Context}s,
 * each evaluation watched by the {@link Watchdog}.
 *
 * <p>Isolation comes in two designs, chosen by the system property {@code flowhost.sandbox}:
 * <ul>
 *   <li>{@code pooled} (the default): contexts are reused from a pool, after a one-time
 *       {@code lockdown.js} has deep-frozen every intrinsic and the global object and removed the
 *       channels freezing cannot close (legacy RegExp statics, indirect {@code eval},
 *       {@code WeakRef}, {@code FinalizationRegistry}). Evaluations receive their scope as
 *       arguments and keep their state in their own function scope, so nothing they do is visible
 *       to a later one. A context that was stopped (timeout, memory, cancel, statement limit) is
 *       never reused.
 *   <li>{@code fresh}: a new context per evaluation, the simplest guarantee, about 50 times slower.
 * </ul>
 * Parsed {@link Source}s are cached in the shared engine either way.
 *
 * <p>Deny by default: {@link SandboxPolicy#CONSTRAINED}, no host class lookup (left unset, so
 * {@code Java} does not exist), {@link HostAccess#CONSTRAINED} (only our proxies are reachable),
 * no IO, threads, processes, native access, environment or polyglot access; {@code load},
 * {@code print}, {@code Graal} and the built-in {@code console} are switched off; stdout and stderr
 * go nowhere.
 */
final class Sandbox {
    private static final String LANGUAGE = "js";
    private static final int SOURCE_CACHE_SIZE = 4096;
    private static final Map<String, Source> SOURCES = new ConcurrentHashMap<>();

    // The host's own guest functions are strict, so that guest code reached from them (a toJSON, a
    // getter) cannot find them through 'caller' and mark them for a later evaluation to read.

    /** Reads JSON text into guest values. */
    private static final Source PARSE = Source.create(LANGUAGE, "(function(t){'use strict';return JSON.parse(t)})");

    /** Guest values to JSON text (mode 0, {@code undefined} for undefined) or to template text (mode 1). */
    private static final Source OUT = Source.create(LANGUAGE, """
            (function(v, text) {
              'use strict';
              if (text) {
                if (v === undefined || v === null) return '';
                if (typeof v === 'object') return JSON.stringify(v);
                return String(v);
              }
              return v === undefined ? undefined : JSON.stringify(v);
            })""");

    /**
     * Makes an author's function safe to call again: frozen, with its prototype, so that nothing an
     * evaluation hangs on it (through {@code arguments.callee} in sloppy code) is there for the next.
     */
    private static final Source FREEZE = Source.create(LANGUAGE, """
            (function(f) {
              'use strict';
              Object.freeze(f);
              if (f.prototype !== undefined) Object.freeze(f.prototype);
              return f;
            })""");

    /**
     * Runs a script function in one host-to-guest call: parses the scope (JSON text, or null for
     * undefined), calls the function, and gives back the result as JSON text, {@code undefined}, or
     * the promise it returned.
     */
    private static final Source SCRIPT = Source.create(LANGUAGE, """
            (function() {
              'use strict';
              const objects = Object.prototype, arrays = Array.prototype, prototypeOf = Object.getPrototypeOf;
              return function(f, scope, helpers, setVar, setNodes, setItems, console) {
                const result = f(scope === null ? undefined : JSON.parse(scope), helpers, setVar, setNodes, setItems,
                    console);
                // plain objects and arrays, the common results, skip the costlier instanceof
                if (typeof result === 'object' && result !== null) {
                  const prototype = prototypeOf(result);
                  if (prototype !== objects && prototype !== arrays && result instanceof Promise) return result;
                }
                return result === undefined ? undefined : JSON.stringify(result);
              };
            })()""");

    /**
     * Runs a template function in one call on the scope (JSON text, a guest value already parsed for
     * a template of several parts, or null for undefined): its value as JSON text (mode 0), template
     * text (1) or truth (2).
     */
    private static final Source EXPRESSION = Source.create(LANGUAGE, """
            (function(f, scope, helpers, mode) {
              'use strict';
              const v = f(typeof scope === 'string' ? JSON.parse(scope) : scope === null ? undefined : scope, helpers);
              if (mode === 2) return !!v;
              if (mode === 1) {
                if (v === undefined || v === null) return '';
                if (typeof v === 'object') return JSON.stringify(v);
                return String(v);
              }
              return v === undefined ? undefined : JSON.stringify(v);
            })""");

    private Sandbox() {}

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
            }
            return engine;
        }
    }

    static Engine engine() {
        return EngineHolder.ENGINE;
    }

    private static final boolean POOLED = !"fresh".equals(System.getProperty("flowhost.sandbox", "pooled"));
    private static final int POOL_SIZE = 2 * Runtime.getRuntime().availableProcessors() + 2;
    private static final Source LOCKDOWN = lockdown();
    private static final Map<Long, Pool> POOLS = new ConcurrentHashMap<>();

    /**
     * Idle locked-down contexts of one statement limit, last in first out (the most recently used
     * context has the warmest caches). Held for a few nanoseconds at a time, so a plain lock.
     */
    private static final class Pool {
        private final java.util.ArrayDeque<Realm> idle = new java.util.ArrayDeque<>();

        synchronized Realm poll() {
            return idle.pollFirst();
        }

        /** @return whether the pool took the realm (it is full otherwise) */
        synchronized boolean offer(Realm realm) {
            if (idle.size() >= POOL_SIZE) {
                return false;
            }
            idle.addFirst(realm);
            return true;
        }

        synchronized int size() {
            return idle.size();
        }
    }

    private static Source lockdown() {
        try (var in = Sandbox.class.getResourceAsStream("lockdown.js")) {
            if (in == null) {
                throw new IllegalStateException("io/flowhost/script/lockdown.js is missing from the build");
            }
            return Source.newBuilder(LANGUAGE, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "lockdown.js").build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A context and the functions it has made from cached sources. */
    static final class Realm {
        final Context context;
        final long statements;
        /** Whether lockdown.js ran: only such a context may serve a second evaluation. */
        final boolean lockedDown;
        // Sources are canonical (static, or from the SOURCES cache) and Source.hashCode() reads the
        // whole text: look them up by identity
        private final Map<Source, Value> functions = new java.util.IdentityHashMap<>();
        private final Map<Source, Value> authored = new java.util.IdentityHashMap<>();

        private Realm(Context context, long statements, boolean lockedDown) {
            this.context = context;
            this.statements = statements;
            this.lockedDown = lockedDown;
        }

        /** The value of a source that evaluates to a function, made once per context. */
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
         * The function an author's source evaluates to, made and frozen once per context: a later
         * evaluation calls the same frozen object, so it cannot carry anything from one to the next.
         */
        Value authored(Source source) {
            Value function = authored.get(source);
            if (function == null) {
                if (authored.size() > 256) {
                    authored.clear();
                }
                function = function(FREEZE).execute(context.eval(source));
                authored.put(source, function);
            }
            return function;
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong EVALUATIONS = new java.util.concurrent.atomic.AtomicLong();
    private static final Set<Long> PREPARING = ConcurrentHashMap.newKeySet();

    /**
     * A locked-down context from the pool, or else a fresh one for this evaluation only. The lockdown
     * costs more than a fresh context (it walks every intrinsic), so a one-shot command such as
     * {@code flowhost eval} never pays for it: pooled contexts are prepared in the background from
     * the second evaluation on.
     */
    private static Realm acquire(Limits limits) {
        long count = EVALUATIONS.incrementAndGet();
        if (POOLED) {
            var pool = POOLS.get(limits.statements());
            Realm realm = pool == null ? null : pool.poll();
            if (realm != null) {
                realm.context.resetLimits();
                return realm;
            }
            if (count > 1 && PREPARING.add(limits.statements())) {
                Thread.ofPlatform().daemon().name("flowhost-script-lockdown").start(() -> prepare(limits));
            }
        }
        return new Realm(newContext(engine(), limits), limits.statements(), false);
    }

    /** @return how many locked-down contexts wait in the pool for this statement limit (for tests) */
    static int pooled(long statements) {
        var pool = POOLS.get(statements);
        return pool == null ? 0 : pool.size();
    }

    private static void prepare(Limits limits) {
        try {
            for (int i = 0; i < 2; i++) {
                Context context = newContext(engine(), limits);
                context.eval(LOCKDOWN);
                context.resetLimits();
                release(new Realm(context, limits.statements(), true), true);
            }
        } catch (RuntimeException e) {
            // evaluations go on with fresh contexts
        } finally {
            PREPARING.remove(limits.statements());
        }
    }

    private static void release(Realm realm, boolean reusable) {
        if (POOLED && reusable && realm.lockedDown) {
            if (POOLS.computeIfAbsent(realm.statements, key -> new Pool()).offer(realm)) {
                return;
            }
        }
        try {
            realm.context.close(true);
        } catch (RuntimeException ignored) {
            // already closed by the watchdog
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
                .allowIO(IOAccess.NONE)
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
            // the one-time lockdown of a pooled context is ours, not the evaluation's: it does not count
            builder.resourceLimits(ResourceLimits.newBuilder()
                    .statementLimit(limits.statements(), source -> !source.getName().equals("lockdown.js"))
                    .build());
        }
        return builder.build();
    }

    /** A parsed source, shared by every context of the engine. */
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

    /** Maps a place in generated source back to the author's text. */
    interface Locator {
        /** @return {line, column} in the author's text for a 1-based place in the generated source */
        int[] locate(int line, int column);
    }

    /** What guest code may call while it runs, and what it gave back. */
    static final class Evaluation {
        final Context context;
        private final Realm realm;
        private final Limits limits;
        private final ScriptConsole console;
        private long consoleUsed;
        private boolean consoleTruncated;

        private Evaluation(Realm realm, Limits limits, ScriptConsole console) {
            this.realm = realm;
            this.context = realm.context;
            this.limits = limits;
            this.console = console;
        }

        /** The function the author's source evaluates to (see {@link Realm#authored}). */
        Value function(Source source) {
            return realm.authored(source);
        }

        /**
         * Calls a script function with the scope (JSON text, {@code null} for undefined) and its host objects.
         *
         * @return the result as JSON text (bounded by the result limit), {@code null} for undefined,
         *         or a guest promise
         */
        Object script(Value function, String scope, Object helpers, Object setVar, Object setNodes, Object setItems,
                Object console) {
            Value result = realm.function(SCRIPT).execute(function, scope, helpers, setVar, setNodes, setItems, console);
            if (result.isString()) {
                return bounded(result.asString());
            }
            return result.isNull() ? null : result;
        }

        /**
         * Calls a template function on the scope (JSON text or a parsed guest value).
         *
         * @return its value as JSON text, or {@code null} for undefined
         */
        String expressionJson(Value function, Object scope, Object helpers) {
            Value result = realm.function(EXPRESSION).execute(function, scope, helpers, 0);
            return result.isNull() ? null : bounded(result.asString());
        }

        /** Calls a template function on the scope (JSON text or a parsed guest value): its value as text. */
        String expressionText(Value function, Object scope, Object helpers) {
            return bounded(realm.function(EXPRESSION).execute(function, scope, helpers, 1).asString());
        }

        /** Calls a template function on the scope (JSON text or a parsed guest value): whether it is truthy. */
        boolean expressionTruth(Value function, Object scope, Object helpers) {
            return realm.function(EXPRESSION).execute(function, scope, helpers, 2).asBoolean();
        }

        /** JSON text to a guest value. */
        Value parse(String json) {
            return realm.function(PARSE).execute(json);
        }

        /** A guest value as JSON text, or {@code null} for undefined; bounded by the result limit. */
        String json(Value value) {
            Value text = out().execute(value, false);
            if (text.isNull()) {
                return null;
            }
            return bounded(text.asString());
        }

        private Value out() {
            return realm.function(OUT);
        }

        private String bounded(String text) {
            if (text.length() > limits.resultBytes()) {
                throw new ResultTooLarge(limits.resultBytes());
            }
            return text;
        }

        /**
         * The named helpers as one guest object, each member calling its {@link Helper}; {@code null}
         * when there are none, so that code which names no helper costs nothing.
         */
        ProxyObject helpers(Set<String> names) {
            if (names.isEmpty()) {
                return null;
            }
            Map<String, Object> members = new java.util.HashMap<>(names.size() * 2);
            for (String name : names) {
                Helper helper = HelperLibrary.find(name).orElseThrow();
                members.put(name, (ProxyExecutable) args -> call(helper, args));
            }
            return ProxyObject.fromMap(members);
        }

        private Object call(Helper helper, Value[] args) {
            List<Object> plain = new ArrayList<>(args.length);
            for (Value arg : args) {
                plain.add(GuestValues.toJava(arg, 0));
            }
            Object result = helper.function().apply(plain);
            return GuestValues.toGuest(result, this);
        }

        /** {@code console} for scripts: lines go to the {@link ScriptConsole}, bounded by the console limit. */
        ProxyObject console() {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("log", (ProxyExecutable) args -> print("info", args));
            members.put("info", (ProxyExecutable) args -> print("info", args));
            members.put("warn", (ProxyExecutable) args -> print("warn", args));
            members.put("error", (ProxyExecutable) args -> print("error", args));
            return ProxyObject.fromMap(members);
        }

        private Object print(String level, Value[] args) {
            StringBuilder line = new StringBuilder();
            for (Value arg : args) {
                if (!line.isEmpty()) {
                    line.append(' ');
                }
                line.append(arg.isString() ? arg.asString() : out().execute(arg, true).asString());
            }
            if (consoleTruncated) {
                return null;
            }
            consoleUsed += line.length();
            if (consoleUsed > limits.consoleBytes()) {
                consoleTruncated = true;
                console.line("warn", "console output truncated: more than " + Limits.size(limits.consoleBytes()));
            } else {
                console.line(level, line.toString());
            }
            return null;
        }
    }

    /** The result of an evaluation was larger than its limit. */
    static final class ResultTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResultTooLarge(long limit) {
            super("result is larger than " + Limits.size(limit), null, false, false);
        }
    }

    interface Body<T> {
        T run(Evaluation evaluation);
    }

    /**
     * Runs guest code in a fresh context under the limits and translates every way it can fail
     * into a {@link TemplateException} located in the author's text.
     *
     * @param text      the author's text, quoted by errors
     * @param sourceName the name of the generated source, to find its frames in stack traces
     */
    static <T> T run(Limits limits, BooleanSupplier cancelled, ScriptConsole console, String text, String sourceName,
            Locator locator, Body<T> body) {
        Realm realm = acquire(limits);
        Watchdog.Guard guard = Watchdog.watch(realm.context, limits, cancelled);
        boolean reusable = false;
        try {
            T result = body.run(new Evaluation(realm, limits, console));
            reusable = true;
            return result;
        } catch (PolyglotException e) {
            // a guest error leaves the context as it was; a stopped or exhausted one is dropped
            reusable = guard.reason() == null && e.isGuestException() && !e.isCancelled() && !e.isResourceExhausted()
                    && !e.isInternalError() && !e.isExit();
            throw translate(e, guard.reason(), limits, text, sourceName, locator);
        } catch (ResultTooLarge e) {
            reusable = guard.reason() == null;
            throw new TemplateException(e.getMessage(), text, 1, 1, null);
        } catch (IllegalStateException e) {
            // a context closed by the watchdog between two guest calls
            if (guard.reason() != null) {
                throw new TemplateException(limitMessage(guard.reason(), limits), text, 1, 1, e);
            }
            throw e;
        } finally {
            guard.close();
            release(realm, reusable && guard.reason() == null);
        }
    }

    private static String limitMessage(Watchdog.Reason reason, Limits limits) {
        return switch (reason) {
            case TIMEOUT -> "script timed out after " + Limits.time(limits.timeout());
            case MEMORY -> "script exceeded its memory limit (" + Limits.size(limits.memoryBytes()) + " allocated)";
            case CANCELLED -> "script was cancelled";
        };
    }

    private static TemplateException translate(PolyglotException e, Watchdog.Reason reason, Limits limits, String text,
            String sourceName, Locator locator) {
        int[] at = locate(e, sourceName, locator);
        String message;
        if (reason != null) {
            message = limitMessage(reason, limits);
        } else if (e.isResourceExhausted() && String.valueOf(e.getMessage()).contains("Statement count limit")) {
            message = "script exceeded its statement limit (" + limits.statements() + " statements)";
        } else if (e.isResourceExhausted()) {
            message = "script ran out of memory";
        } else if (e.isCancelled()) {
            message = "script was cancelled";
        } else if (e.isHostException()) {
            Throwable host = e.asHostException();
            message = host instanceof IllegalArgumentException || host instanceof ResultTooLarge
                    ? host.getMessage() : host.getClass().getSimpleName() + ": " + host.getMessage();
        } else if (e.isInternalError()) {
            message = "internal error in the script engine: " + e.getMessage();
        } else {
            message = cleanMessage(e.getMessage(), sourceName);
        }
        return new TemplateException(message, text, at[0], at[1], e);
    }

    /** GraalJS prefixes syntax errors with the source name and place; the place is reported separately. */
    private static String cleanMessage(String message, String sourceName) {
        if (message == null) {
            return "error";
        }
        // the first line is the reason; GraalJS adds the source line and a caret after it
        String first = message.lines().findFirst().orElse(message);
        return first.replace(sourceName + ":", "").replaceFirst("^(SyntaxError: )\\d+:\\d+ ", "$1");
    }

    private static int[] locate(PolyglotException e, String sourceName, Locator locator) {
        SourceSection section = e.getSourceLocation();
        if (section == null || !sourceName.equals(section.getSource().getName())) {
            section = null;
            for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
                SourceSection location = frame.getSourceLocation();
                if (frame.isGuestFrame() && location != null && sourceName.equals(location.getSource().getName())) {
                    section = location;
                    break;
                }
            }
        }
        if (section == null || !section.isAvailable()) {
            return new int[] {1, 1};
        }
        return locator.locate(section.getStartLine(), section.getStartColumn());
    }
}
