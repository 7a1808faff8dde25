package io.flowhost.script.helpers;

import java.util.Objects;

/**
 * One template helper, as the playground and {@code flowhost docs} list it.
 *
 * @param name      the name templates call, e.g. {@code humanBytes}
 * @param category  a grouping: paths, text, dates, numbers, encoding, json, collections, misc
 * @param signature e.g. {@code humanBytes(bytes: number): string}
 * @param doc       one line
 * @param example   an expression using it, e.g. {@code humanBytes(1536)}
 * @param expected  the example's result as JSON text, e.g. {@code "1.5 KiB"}; {@code null} when the
 *                  result changes from run to run (e.g. {@code uuid()})
 * @param function  the implementation
 */
public record Helper(
        String name, String category, String signature, String doc, String example, String expected,
        HelperFunction function) {
    public Helper {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(function, "function");
    }
}
