package io.flowhost.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Evaluates the job author's {@code {{ expression }}} templates: the single place where step
 * parameters, filters and {@code forEach} expressions are turned into values. Thread-safe.
 *
 * <p>Only text written by the job author is ever evaluated: values that come from the scope
 * (message data, run-time parameters) are never evaluated again, wherever they land.
 */
public interface Expressions {

    /**
     * Renders a parameter value. Every string inside {@code value} (recursively, in objects and
     * arrays) that holds {@code {{ }}} parts is evaluated; other values are returned as they are.
     * A string that is exactly one {@code {{ }}} keeps the expression's JSON type; otherwise parts
     * are joined as text ({@code null}/{@code undefined} as empty text, objects as JSON).
     *
     * @param value a parameter value as written in the job
     * @param scope what the expressions see
     * @return the evaluated value, a new tree
     * @throws TemplateException if an expression fails to parse or to evaluate
     */
    JsonNode render(JsonNode value, Scope scope);

    /**
     * Evaluates a condition such as a step's {@code filter}: a template whose value is tested for
     * truth as JavaScript does ({@code false}, {@code 0}, {@code ""}, {@code null} and
     * {@code undefined} are false).
     *
     * @param condition the condition template, e.g. {@code {{ node.size > 1024 }}}
     * @param scope     what the expression sees
     * @return whether the condition holds
     * @throws TemplateException if the expression fails to parse or to evaluate
     */
    boolean test(String condition, Scope scope);

    /**
     * Checks a template's syntax without evaluating it, for {@code flowhost validate}.
     *
     * @param template a string that may hold {@code {{ }}} parts
     * @return the problems found, empty when it is well-formed
     */
    List<TemplateException> check(String template);
}
