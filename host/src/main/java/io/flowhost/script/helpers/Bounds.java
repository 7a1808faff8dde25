package io.flowhost.script.helpers;

/**
 * The limits helpers keep on their own. Helpers are host code that the watchdog cannot stop, so each
 * one bounds its time and memory by these numbers; docs/scripting.md lists them ("Helper limits") and
 * {@code HelperBoundsTest} calls every helper at and just over them.
 *
 * <p>The numbers are far above what an honest template needs (the sandbox's default result limit is
 * 1 MiB) and low enough that the slowest helper at its limit returns well inside the default 5 s.
 */
final class Bounds {
    /** Characters of any text argument, and of any text a helper returns: the sandbox's default result limit. */
    static final int TEXT = 1024 * 1024;
    /** Elements of an array or object argument. */
    static final int VALUES = 1_000_000;
    /** Arrays and objects inside each other, as for every helper argument. */
    static final int DEPTH = 32;
    /** Widths of padLeft, padRight, wrap and abbreviate. */
    static final int WIDTH = 1024 * 1024;
    /** Numbers range makes. */
    static final int RANGE = 1_000_000;
    /** Characters of a regex; longer ones are not what a job author writes, and compile in time that grows with them. */
    static final int REGEX = 10_000;
    /** How long one regex may work on one text: java.util.regex can backtrack exponentially. */
    static final long REGEX_MILLIS = 1_000;
    /** Characters of an ISO-8601 date, a zone id or a duration: the longest valid ones are about 40. */
    static final int SHORT_TEXT = 64;
    /** Characters of a java.time pattern, and of a text parseDate reads with it. */
    static final int DATE_TEXT = 256;
    /** Characters of a JSONPath expression. */
    static final int JSON_PATH = 1_000;
    /** Work units one JSONPath query may spend (see {@link JsonPathQuery}); about a second of Jayway's work. */
    static final long QUERY_STEPS = 5_000_000;
    /** How long one JSONPath query may work, whatever its units. */
    static final long QUERY_MILLIS = 1_000;

    private Bounds() {}
}
