package io.flowhost.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.script.helpers.Helper;
import io.flowhost.script.helpers.HelperLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A template expression compiled once to Java, for the part of JavaScript templates use most:
 * literals, paths with {@code .}, {@code ?.} and {@code []}, arithmetic, comparison, {@code !},
 * {@code &&}, {@code ||}, {@code ??}, the conditional operator, string concatenation, and calls of
 * the helper library with such arguments. It gives exactly what the engine gives (a differential
 * test holds it to that); where it cannot be sure at run time (an object converted to a primitive,
 * a string converted to a number, a property JavaScript inherits, any error), it bails, and the
 * engine evaluates the template. Anything else does not compile, and goes to the engine unchanged.
 *
 * <p>Immutable and thread-safe. It runs host code only, bounded by the size of the expression and of
 * the data it reads (a string it builds is refused past the result limit).
 */
final class CompiledExpression {
    /** Properties every JavaScript object inherits: a path that reads one the data lacks bails. */
    private static final Set<String> INHERITED = Set.of("constructor", "__proto__", "__defineGetter__",
            "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "hasOwnProperty", "isPrototypeOf",
            "propertyIsEnumerable", "toLocaleString", "toString", "valueOf");

    private final Expr root;

    private CompiledExpression(Expr root) {
        this.root = root;
    }

    /**
     * @param source     the expression's code
     * @param scopeNames the names of the scope
     * @return the compiled expression, or {@code null} when it uses anything outside the subset
     */
    static CompiledExpression compile(String source, Set<String> scopeNames) {
        try {
            Parser parser = new Parser(source, scopeNames);
            Expr expr = parser.expression();
            parser.expectEnd();
            return new CompiledExpression(expr);
        } catch (NotCompiled e) {
            return null;
        }
    }

    /**
     * @return the value, as {@link JsValues} represents it
     * @throws JsValues.Bail when the engine must decide
     */
    Object evaluate(Scope scope, long limit) {
        return evaluate(new Env(scope, limit));
    }

    /** {@link #evaluate(Scope, long)} with an environment that the parts of one template share. */
    Object evaluate(Env env) {
        Object value = root.eval(env);
        return value == SHORT_CIRCUIT ? JsValues.UNDEFINED : value;
    }

    /** What one evaluation reads from; the scope's values are read once per template, when first used. */
    static final class Env {
        final Scope scope;
        final Message message;
        final long limit;
        private final Object[] roots = new Object[ROOT_NAMES.size()];

        Env(Scope scope, long limit) {
            this.scope = scope;
            this.message = scope.message();
            this.limit = limit;
        }
    }

    private static final List<String> ROOT_NAMES = JsExpressions.SCOPE_NAMES;

    /** An optional chain ({@code a?.b.c}) whose base was null or undefined: undefined, whatever follows. */
    private static final Object SHORT_CIRCUIT = new Object();

    private interface Expr {
        Object eval(Env env);
    }

    private record Literal(Object value) implements Expr {
        @Override
        public Object eval(Env env) {
            return value;
        }
    }

    /** A scope name: the message's parts are read from the message, without building its JSON. */
    private record Root(String name, int index) implements Expr {
        Root(String name) {
            this(name, ROOT_NAMES.indexOf(name));
        }

        @Override
        public Object eval(Env env) {
            Object value = env.roots[index];
            if (value == null) {
                value = read(env);
                // null is JavaScript's null too: keep it as a marker, and read a null again (it is cheap)
                env.roots[index] = value;
            }
            return value;
        }

        private Object read(Env env) {
            Message message = env.message;
            return switch (name) {
                case "node" -> message.nodes().isEmpty() ? JsValues.UNDEFINED : message.nodes().get(0).toJson();
                // compiled expressions only read: no copy of the item
                case "item" -> message.itemView(0).map(JsValues::fromJson).orElse(JsValues.UNDEFINED);
                default -> JsValues.fromJson(ScopeRoots.root(name, env.scope));
            };
        }
    }

    /** {@code node.path}, {@code node.name}, {@code node.size}, {@code node.mtime}: read from the node itself. */
    private record NodeField(String field) implements Expr {
        @Override
        public Object eval(Env env) {
            List<Node> nodes = env.message.nodes();
            if (nodes.isEmpty()) {
                throw JsValues.bail(); // a property of undefined: the engine's TypeError
            }
            Node node = nodes.get(0);
            return switch (field) {
                case "path" -> node.path();
                case "name" -> node.name();
                case "size" -> node.size() == null ? null : (Object) node.size().doubleValue();
                default -> node.mtime() == null ? null : node.mtime().toString();
            };
        }
    }

    /** {@code vars.NAME}: one variable, without building the others. */
    private record Var(String name) implements Expr {
        @Override
        public Object eval(Env env) {
            JsonNode value = env.message.varView(name).orElse(null);
            if (value == null) {
                if (INHERITED.contains(name)) {
                    throw JsValues.bail();
                }
                return JsValues.UNDEFINED;
            }
            return JsValues.fromJson(value);
        }
    }

    /** {@code nodes.length}. */
    private record NodesLength() implements Expr {
        @Override
        public Object eval(Env env) {
            return (double) env.message.nodes().size();
        }
    }

    private record Member(Expr object, String key, boolean optional) implements Expr {
        @Override
        public Object eval(Env env) {
            Object base = object.eval(env);
            if (base == SHORT_CIRCUIT) {
                return SHORT_CIRCUIT;
            }
            if (optional && (base == null || base == JsValues.UNDEFINED)) {
                return SHORT_CIRCUIT;
            }
            return property(base, key);
        }
    }

    private record Index(Expr object, Expr key, boolean optional) implements Expr {
        @Override
        public Object eval(Env env) {
            Object base = object.eval(env);
            if (base == SHORT_CIRCUIT) {
                return SHORT_CIRCUIT;
            }
            if (optional && (base == null || base == JsValues.UNDEFINED)) {
                return SHORT_CIRCUIT;
            }
            Object name = unchain(key.eval(env));
            if (!JsValues.isPrimitive(name) || base == null || base == JsValues.UNDEFINED) {
                throw JsValues.bail();
            }
            return property(base, JsValues.toText(name));
        }
    }

    /** A logical expression in brackets: the same value, but an operand {@code ??} accepts. */
    private record Parenthesized(Expr inner) implements Expr {
        @Override
        public Object eval(Env env) {
            return inner.eval(env);
        }
    }

    /** The end of an optional chain: what was cut short is undefined. */
    private record Chain(Expr inner) implements Expr {
        @Override
        public Object eval(Env env) {
            Object value = inner.eval(env);
            return value == SHORT_CIRCUIT ? JsValues.UNDEFINED : value;
        }
    }

    private static Object unchain(Object value) {
        return value == SHORT_CIRCUIT ? JsValues.UNDEFINED : value;
    }

    /** A property of a value, as JavaScript reads it from what {@code JSON.parse} made. */
    static Object property(Object base, String key) {
        if (base instanceof ObjectNode object) {
            JsonNode value = object.get(key);
            if (value == null) {
                if (INHERITED.contains(key)) {
                    throw JsValues.bail();
                }
                return JsValues.UNDEFINED;
            }
            return JsValues.fromJson(value);
        }
        if (base instanceof ArrayNode array) {
            if (key.equals("length")) {
                return (double) array.size();
            }
            long index = JsValues.arrayIndex(key);
            if (index < 0) {
                throw JsValues.bail(); // the array methods and what objects inherit
            }
            return index < array.size() ? JsValues.fromJson(array.get((int) index)) : JsValues.UNDEFINED;
        }
        if (base instanceof String text) {
            if (key.equals("length")) {
                return (double) text.length();
            }
            long index = JsValues.arrayIndex(key);
            if (index < 0) {
                throw JsValues.bail();
            }
            return index < text.length() ? String.valueOf(text.charAt((int) index)) : JsValues.UNDEFINED;
        }
        throw JsValues.bail(); // properties of numbers, booleans; null and undefined throw
    }

    private record Call(Helper helper, List<Expr> arguments) implements Expr {
        @Override
        public Object eval(Env env) {
            List<Object> plain = new ArrayList<>(arguments.size());
            for (Expr argument : arguments) {
                Object value = unchain(argument.eval(env));
                if (value instanceof String text && text.length() > GuestValues.MAX_CHARS) {
                    throw JsValues.bail();
                }
                plain.add(JsValues.toHelper(value, 0));
            }
            Object result;
            try {
                result = helper.function().apply(plain);
            } catch (RuntimeException e) {
                throw JsValues.bail(); // the engine reports the helper's error as it always does
            }
            return JsValues.fromHelper(result);
        }
    }

    private enum UnaryOp { NOT, MINUS, PLUS }

    private record Unary(UnaryOp op, Expr operand) implements Expr {
        @Override
        public Object eval(Env env) {
            Object value = unchain(operand.eval(env));
            return switch (op) {
                case NOT -> !JsValues.truthy(value);
                case MINUS -> -JsValues.toNumber(value);
                case PLUS -> JsValues.toNumber(value);
            };
        }
    }

    private enum BinaryOp { ADD, SUB, MUL, DIV, MOD, LT, GT, LE, GE, EQ, NE, SEQ, SNE }

    private record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Env env) {
            Object a = unchain(left.eval(env));
            Object b = unchain(right.eval(env));
            if (!JsValues.isPrimitive(a) || !JsValues.isPrimitive(b)) {
                throw JsValues.bail(); // objects become primitives through toString/valueOf: the engine's job
            }
            return switch (op) {
                case ADD -> add(a, b, env.limit);
                case SUB -> JsValues.toNumber(a) - JsValues.toNumber(b);
                case MUL -> JsValues.toNumber(a) * JsValues.toNumber(b);
                case DIV -> JsValues.toNumber(a) / JsValues.toNumber(b);
                case MOD -> JsValues.toNumber(a) % JsValues.toNumber(b);
                case LT -> less(a, b, false);
                case GT -> less(b, a, false);
                case LE -> less(b, a, true);
                case GE -> less(a, b, true);
                case SEQ -> strictEquals(a, b);
                case SNE -> !strictEquals(a, b);
                case EQ -> looseEquals(a, b);
                case NE -> !looseEquals(a, b);
            };
        }
    }

    private static Object add(Object a, Object b, long limit) {
        if (a instanceof String || b instanceof String) {
            String left = JsValues.toText(a);
            String right = JsValues.toText(b);
            if ((long) left.length() + right.length() > limit) {
                throw JsValues.bail();
            }
            return left.concat(right);
        }
        return JsValues.toNumber(a) + JsValues.toNumber(b);
    }

    /**
     * {@code a < b}, or with {@code negate}, {@code !(a < b)} as JavaScript computes {@code >=} and
     * {@code <=}: false, not true, when a number is NaN.
     */
    private static boolean less(Object a, Object b, boolean negate) {
        if (a instanceof String x && b instanceof String y) {
            boolean lt = x.compareTo(y) < 0; // both compare UTF-16 code units
            return negate != lt;
        }
        if (a instanceof String || b instanceof String) {
            throw JsValues.bail(); // a string read as a number
        }
        double x = JsValues.toNumber(a);
        double y = JsValues.toNumber(b);
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return false;
        }
        return negate != (x < y);
    }

    private static boolean strictEquals(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a == null || b == null || a == JsValues.UNDEFINED || b == JsValues.UNDEFINED) {
            return a == b;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    private static boolean looseEquals(Object a, Object b) {
        boolean aNullish = a == null || a == JsValues.UNDEFINED;
        boolean bNullish = b == null || b == JsValues.UNDEFINED;
        if (aNullish || bNullish) {
            return aNullish && bNullish;
        }
        if (a.getClass() == b.getClass()) {
            return strictEquals(a, b);
        }
        if (a instanceof String || b instanceof String) {
            throw JsValues.bail();
        }
        return JsValues.toNumber(a) == JsValues.toNumber(b); // numbers and booleans
    }

    private enum LogicalOp { AND, OR, COALESCE }

    private record Logical(LogicalOp op, Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Env env) {
            Object a = unchain(left.eval(env));
            return switch (op) {
                case AND -> JsValues.truthy(a) ? unchain(right.eval(env)) : a;
                case OR -> JsValues.truthy(a) ? a : unchain(right.eval(env));
                case COALESCE -> a == null || a == JsValues.UNDEFINED ? unchain(right.eval(env)) : a;
            };
        }
    }

    private record Conditional(Expr test, Expr then, Expr otherwise) implements Expr {
        @Override
        public Object eval(Env env) {
            return JsValues.truthy(unchain(test.eval(env))) ? unchain(then.eval(env)) : unchain(otherwise.eval(env));
        }
    }

    /** The expression uses something outside the subset. */
    private static final class NotCompiled extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotCompiled INSTANCE = new NotCompiled();

        private NotCompiled() {
            super("not in the compiled subset", null, false, false);
        }
    }

    /** A recursive-descent parser of the subset; anything else is {@link NotCompiled}. */
    private static final class Parser {
        private static final Set<String> NODE_FIELDS = Set.of("path", "name", "size", "mtime");
        private final String text;
        private final Set<String> scopeNames;
        private int pos;

        Parser(String text, Set<String> scopeNames) {
            this.text = text;
            this.scopeNames = scopeNames;
        }

        private static NotCompiled no() {
            return NotCompiled.INSTANCE;
        }

        void expectEnd() {
            skipSpace();
            if (pos != text.length()) {
                throw no();
            }
        }

        Expr expression() {
            Expr test = shortCircuit();
            if (eat("?")) {
                Expr then = expression();
                if (!eat(":")) {
                    throw no();
                }
                return new Conditional(test, then, expression());
            }
            return test;
        }

        /** {@code ??} may not be mixed with {@code &&} or {@code ||} without brackets: JavaScript refuses it. */
        private Expr shortCircuit() {
            Expr left = or();
            if (peek("??")) {
                if (left instanceof Logical logical && logical.op() != LogicalOp.COALESCE) {
                    throw no();
                }
                while (eat("??")) {
                    Expr right = equality();
                    if (peek("&&") || peek("||")) {
                        throw no();
                    }
                    left = new Logical(LogicalOp.COALESCE, left, right);
                }
            }
            return left;
        }

        private Expr or() {
            Expr left = and();
            while (eat("||")) {
                left = new Logical(LogicalOp.OR, left, and());
            }
            return left;
        }

        private Expr and() {
            Expr left = equality();
            while (eat("&&")) {
                left = new Logical(LogicalOp.AND, left, equality());
            }
            return left;
        }

        /**
         * A level of binary operators, tightest last: each tried longest first; the refused tokens
         * are operators of JavaScript outside the subset that begin like one of the level's.
         */
        private record Level(List<String> tokens, List<BinaryOp> operators, List<String> refused) {}

        private static final List<Level> LEVELS = List.of(
                new Level(List.of("===", "!==", "==", "!="), List.of(BinaryOp.SEQ, BinaryOp.SNE, BinaryOp.EQ, BinaryOp.NE),
                        List.of()),
                new Level(List.of("<=", ">=", "<", ">"), List.of(BinaryOp.LE, BinaryOp.GE, BinaryOp.LT, BinaryOp.GT),
                        List.of("<<", ">>")),
                new Level(List.of("+", "-"), List.of(BinaryOp.ADD, BinaryOp.SUB), List.of("++", "--", "+=", "-=")),
                new Level(List.of("*", "/", "%"), List.of(BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MOD),
                        List.of("**", "*=", "/=", "%=", "//", "/*")));

        private Expr equality() {
            return binary(0);
        }

        private Expr binary(int level) {
            Expr left = operand(level);
            Level operators = LEVELS.get(level);
            next:
            while (true) {
                for (String refused : operators.refused()) {
                    if (peek(refused)) {
                        throw no();
                    }
                }
                for (int i = 0; i < operators.tokens().size(); i++) {
                    if (eat(operators.tokens().get(i))) {
                        left = new Binary(operators.operators().get(i), left, operand(level));
                        continue next;
                    }
                }
                return left;
            }
        }

        private Expr operand(int level) {
            return level + 1 < LEVELS.size() ? binary(level + 1) : unary();
        }

        private Expr unary() {
            skipSpace();
            if (peek("!=") || peek("++") || peek("--")) {
                throw no();
            }
            if (eat("!")) {
                return new Unary(UnaryOp.NOT, unary());
            }
            if (eat("-")) {
                return new Unary(UnaryOp.MINUS, unary());
            }
            if (eat("+")) {
                return new Unary(UnaryOp.PLUS, unary());
            }
            return postfix();
        }

        private Expr postfix() {
            Expr expr = primary();
            boolean optionalChain = false;
            while (true) {
                skipSpace();
                if (peek("?.")) {
                    // '?.5' is a conditional with a number, not an optional chain
                    if (pos + 2 < text.length() && Character.isDigit(text.charAt(pos + 2))) {
                        break;
                    }
                    pos += 2;
                    skipSpace();
                    if (peek("[") || peek("(")) {
                        throw no();
                    }
                    expr = member(expr, identifier(), true);
                    optionalChain = true;
                } else if (peek(".") && !peek("...")) {
                    pos++;
                    expr = member(expr, identifier(), false);
                } else if (eat("[")) {
                    Expr key = expression();
                    if (!eat("]")) {
                        throw no();
                    }
                    expr = new Index(expr, key, false);
                } else if (peek("(")) {
                    throw no(); // calls of anything but a helper by its name
                } else if (peek("`")) {
                    throw no(); // a tagged template
                } else {
                    break;
                }
            }
            return optionalChain ? new Chain(expr) : expr;
        }

        private Expr member(Expr object, String key, boolean optional) {
            if (!optional && object instanceof Root root) {
                if (root.name().equals("node") && NODE_FIELDS.contains(key)) {
                    return new NodeField(key);
                }
                if (root.name().equals("vars")) {
                    return new Var(key);
                }
                if (root.name().equals("nodes") && key.equals("length")) {
                    return new NodesLength();
                }
            }
            return new Member(object, key, optional);
        }

        private Expr primary() {
            skipSpace();
            if (pos >= text.length()) {
                throw no();
            }
            char c = text.charAt(pos);
            if (c == '(') {
                pos++;
                Expr inner = expression();
                if (!eat(")")) {
                    throw no(); // a comma expression, or worse
                }
                // brackets let '??' take a '||' or '&&' operand: remember them for shortCircuit()
                return inner instanceof Logical ? new Parenthesized(inner) : inner;
            }
            if (c == '\'' || c == '"') {
                return new Literal(string(c));
            }
            if (c >= '0' && c <= '9' || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                return new Literal(number());
            }
            String name = identifier();
            switch (name) {
                case "true":
                    return new Literal(Boolean.TRUE);
                case "false":
                    return new Literal(Boolean.FALSE);
                case "null":
                    return new Literal(null);
                case "undefined":
                    return new Literal(JsValues.UNDEFINED);
                case "NaN":
                    return new Literal(Double.NaN);
                case "Infinity":
                    return new Literal(Double.POSITIVE_INFINITY);
                default:
                    break;
            }
            if (scopeNames.contains(name)) {
                return new Root(name);
            }
            Helper helper = HelperLibrary.find(name).orElseThrow(Parser::no);
            skipSpace();
            if (!eat("(")) {
                throw no(); // a helper as a value
            }
            List<Expr> arguments = new ArrayList<>();
            if (!eat(")")) {
                do {
                    skipSpace();
                    if (peek("...")) {
                        throw no();
                    }
                    arguments.add(expression());
                } while (eat(","));
                if (!eat(")")) {
                    throw no();
                }
            }
            return new Call(helper, List.copyOf(arguments));
        }

        private String identifier() {
            skipSpace();
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
                if (!(letter || pos > start && c >= '0' && c <= '9')) {
                    break;
                }
                pos++;
            }
            if (pos == start || pos < text.length() && (text.charAt(pos) == '\\' || text.charAt(pos) > 0x7f)) {
                throw no();
            }
            String name = text.substring(start, pos);
            if (KEYWORDS.contains(name)) {
                throw no();
            }
            return name;
        }

        private static final Set<String> KEYWORDS = Set.of("typeof", "void", "delete", "new", "in", "instanceof",
                "function", "class", "this", "super", "await", "yield", "async", "let", "const", "var", "return",
                "if", "else", "for", "while", "do", "switch", "case", "break", "continue", "throw", "try", "catch",
                "finally", "import", "export", "with", "debugger", "default", "extends", "of", "arguments", "eval");

        /** A decimal number literal; any other form (hex, octal, separators, BigInt) is left to the engine. */
        private Double number() {
            int start = pos;
            if (text.charAt(pos) == '0' && pos + 1 < text.length() && Character.isLetterOrDigit(text.charAt(pos + 1))) {
                throw no(); // 0x.., 0o.., 0b.., legacy octal
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                int digits = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos == digits) {
                    throw no();
                }
            }
            if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '$' || text.charAt(pos) == '.')) {
                throw no(); // 1n, 1_000, 1..toString, 1.5.x
            }
            return Double.parseDouble(text.substring(start, pos));
        }

        private String string(char quote) {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == quote) {
                    return out.toString();
                }
                if (c == '\n' || c == '\r') {
                    throw no();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw no();
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'v' -> out.append('\u000b');
                    case '0' -> {
                        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                            throw no(); // a legacy octal escape
                        }
                        out.append('\0');
                    }
                    case 'x' -> out.append((char) hex(2));
                    case 'u' -> {
                        if (pos < text.length() && text.charAt(pos) == '{') {
                            throw no();
                        }
                        out.append((char) hex(4));
                    }
                    case '\n', '\r', '\u2028', '\u2029' -> throw no(); // line continuations
                    default -> {
                        if (e >= '1' && e <= '9') {
                            throw no();
                        }
                        out.append(e); // '\\', quotes, and any other character stands for itself
                    }
                }
            }
            throw no();
        }

        private int hex(int digits) {
            if (pos + digits > text.length()) {
                throw no();
            }
            int value = 0;
            for (int i = 0; i < digits; i++) {
                int digit = Character.digit(text.charAt(pos++), 16);
                if (digit < 0) {
                    throw no();
                }
                value = value * 16 + digit;
            }
            return value;
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else if (c == '/' && pos + 1 < text.length() && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
                    throw no(); // comments are rare in templates: the engine reads them
                } else if (c == '<' && text.startsWith("<!--", pos) || c == '-' && text.startsWith("-->", pos)) {
                    throw no();
                } else if (Character.isWhitespace(c) || c == '\u00a0' || c == '\ufeff') {
                    throw no(); // other white space: let the engine decide what it is
                } else {
                    return;
                }
            }
        }

        private boolean peek(String token) {
            skipSpace();
            return text.startsWith(token, pos);
        }

        private boolean eat(String token) {
            if (peek(token)) {
                pos += token.length();
                return true;
            }
            return false;
        }
    }
}
