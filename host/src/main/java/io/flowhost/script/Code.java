package io.flowhost.script;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.graalvm.polyglot.Source;

/**
 * Author code as the engine receives it: the parameter list and body of one function that the
 * {@code Function} (or {@code AsyncFunction}) constructor makes. That constructor parses the body
 * on its own, as exactly one function body, so no text of the author's can end the function early
 * and run at the top level of a context.
 *
 * <p>The function's parameters are the scope names and helpers the code uses (and, for a script,
 * {@code setVar}, {@code setNodes}, {@code setItems}, {@code console}); a small binder of our own,
 * built only from those fixed names, calls it with the scope object and the helper facade.
 *
 * <p>Immutable, except that a script remembers that its body passed the syntax check.
 */
final class Code {
    /** What the code is. */
    enum Kind { EXPRESSION, SCRIPT }

    private static final List<String> SCRIPT_CALLS = List.of("setVar", "setNodes", "setItems", "console");
    /** Scripts are the job author's text: a megabyte is far beyond any real one, and bounds parsing. */
    static final int MAX_SCRIPT_CHARS = 1024 * 1024;

    final Kind kind;
    /** The author's text: an expression, or a function body. */
    final String authored;
    final List<String> scopeNames;
    final List<String> helpers;
    final boolean async;
    final boolean setsVars;
    final boolean setsNodes;
    final boolean setsItems;
    final boolean logs;
    /** The {@code Function} constructor's parameter list. */
    final String params;
    /** The {@code Function} constructor's body: the author's text on its own lines, after one line of ours. */
    final String body;
    /** Calls the function with the scope and helpers: our own code, of fixed names only. */
    final Source binder;
    private volatile boolean checked;

    private Code(Kind kind, String authored, List<String> scopeNames, List<String> helpers, Set<String> names,
            boolean async) {
        this.kind = kind;
        this.authored = authored;
        this.scopeNames = scopeNames;
        this.helpers = helpers;
        this.async = async;
        boolean script = kind == Kind.SCRIPT;
        this.setsVars = script && names.contains("setVar");
        this.setsNodes = script && names.contains("setNodes");
        this.setsItems = script && names.contains("setItems");
        this.logs = script && names.contains("console");
        List<String> all = new ArrayList<>(scopeNames);
        all.addAll(helpers);
        if (script) {
            all.addAll(SCRIPT_CALLS);
        }
        this.params = String.join(",", all);
        // The author's text starts on line 2 of the body. A script body sits in a block, so that its
        // own top-level 'let node' may shadow the scope parameter 'node'; a '}' that leaves the block
        // still stays inside the function, which the constructor parsed as one body.
        this.body = script ? "{\n" + authored + "\n}" : "return (\n" + authored + "\n)";
        this.binder = Sandbox.source("binder", binderSource(scopeNames, helpers, script));
    }

    /** A template expression that uses these scope names and helpers. */
    static Code expression(String expression, List<String> scopeNames, List<String> helpers) {
        return new Code(Kind.EXPRESSION, expression, scopeNames, helpers, Set.of(), false);
    }

    /** A script body; the names it uses are found with {@link JsSyntax}. */
    static Code script(String body, Set<String> scopeNames, Set<String> helperNames) {
        if (body.length() > MAX_SCRIPT_CHARS) {
            throw new TemplateException("the script is " + body.length() + " characters long; the limit is "
                    + MAX_SCRIPT_CHARS, body.substring(0, 200), 1, 1, null);
        }
        JsSyntax.Scan scan = JsSyntax.scanBody(body);
        Set<String> names = new LinkedHashSet<>();
        scan.names().forEach(name -> names.add(name.name()));
        List<String> scope = JsExpressions.SCOPE_NAMES.stream().filter(names::contains).filter(scopeNames::contains).toList();
        List<String> helpers = names.stream().filter(helperNames::contains).toList();
        // a body that awaits needs an async function; any other runs without the promise machinery
        return new Code(Kind.SCRIPT, body, scope, helpers, names, scan.awaits());
    }

    /** @return whether the body already passed the syntax check (scripts only) */
    boolean checked() {
        return checked;
    }

    void markChecked() {
        checked = true;
    }

    /**
     * {@code (function(f){ return function(s, h, ...){ return f(s.node, s.vars, h.humanBytes, ...) } })}:
     * code that uses one scope name gets that value itself as {@code s}, several get an object.
     */
    private static String binderSource(List<String> scopeNames, List<String> helpers, boolean script) {
        List<String> args = new ArrayList<>();
        if (scopeNames.size() == 1) {
            args.add("s");
        } else {
            scopeNames.forEach(name -> args.add("s." + name));
        }
        helpers.forEach(name -> args.add("h." + name));
        if (script) {
            args.addAll(List.of("v", "n", "i", "c"));
        }
        String params = script ? "s,h,v,n,i,c" : "s,h";
        return "(function(f){'use strict';return function(" + params + "){return f(" + String.join(",", args) + ")}})";
    }

    /**
     * Maps a 1-based place in the function the constructor made, {@code (function anonymous(PARAMS\n) {\nBODY\n})},
     * to the author's text; {@code null} when it lies in our own lines.
     */
    int[] fromFunctionSource(int line, int column) {
        return fromBody(line - 2, column);
    }

    /**
     * Maps a 1-based place in {@link #body} to the author's text; {@code null} when it lies in our own
     * lines. A place on our first line (the engine points at {@code return (} for an error in a
     * parenthesised expression) is the author's first character.
     */
    int[] fromBody(int line, int column) {
        int authoredLine = line - 1;
        if (authoredLine == 0) {
            return start();
        }
        int lines = authored.split("\n", -1).length;
        if (authoredLine < 1 || authoredLine > lines) {
            return null;
        }
        return new int[] {authoredLine, column};
    }

    /** @return {line, column} of the author's first character that is not white space */
    int[] start() {
        int line = 1;
        int column = 1;
        for (int i = 0; i < authored.length(); i++) {
            char c = authored.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (Character.isWhitespace(c)) {
                column++;
            } else {
                return new int[] {line, column};
            }
        }
        return new int[] {1, 1};
    }

    /** @return {line, column} just past the end of the author's text */
    int[] end() {
        String[] lines = authored.split("\n", -1);
        return new int[] {lines.length, lines[lines.length - 1].length() + 1};
    }
}
