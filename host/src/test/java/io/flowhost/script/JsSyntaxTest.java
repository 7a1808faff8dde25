package io.flowhost.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsSyntaxTest {

    private static String expression(String template) {
        int open = template.indexOf("{{");
        JsSyntax.Scan scan = JsSyntax.scanExpression(template, open + 2);
        assertThat(scan.problem()).as("problem in %s", template).isNull();
        return template.substring(open + 2, scan.end());
    }

    private static JsSyntax.Problem problem(String template) {
        JsSyntax.Scan scan = JsSyntax.scanExpression(template, template.indexOf("{{") + 2);
        assertThat(scan.problem()).as("problem in %s", template).isNotNull();
        return scan.problem();
    }

    @Test
    void anExpressionEndsAtTheFirstClosingBracesOutsideItsOwnCode() {
        assertThat(expression("{{ node.name }} and more")).isEqualTo(" node.name ");
        assertThat(expression("{{ ({a: {b: 1}}) }}")).isEqualTo(" ({a: {b: 1}}) ");
        assertThat(expression("{{ {a: {b: 1}} }}")).isEqualTo(" {a: {b: 1}} ");
        assertThat(expression("{{ '}}' + \"}}\" }}")).isEqualTo(" '}}' + \"}}\" ");
        assertThat(expression("{{ `a ${ {x: 1}.x } }}` }}")).isEqualTo(" `a ${ {x: 1}.x } }}` ");
        assertThat(expression("{{ /}}/.test(x) }}")).isEqualTo(" /}}/.test(x) ");
        assertThat(expression("{{ x /* }} */ + 1 }}")).isEqualTo(" x /* }} */ + 1 ");
        assertThat(expression("{{ a // }}\n + b }}")).isEqualTo(" a // }}\n + b ");
        assertThat(expression("{{ a / 2 / b }}")).isEqualTo(" a / 2 / b ");
        assertThat(expression("{{ (a) / 2 + [1][0] / 3 }}")).isEqualTo(" (a) / 2 + [1][0] / 3 ");
        assertThat(expression("{{ x.replace(/[}]/g, '') }}")).isEqualTo(" x.replace(/[}]/g, '') ");
    }

    @Test
    void codeThatWouldLeaveItsExpressionIsAProblemAtItsOwnPlace() {
        String breakout = "{{ 1); }); const box2 = 'x'; (function(){ return (1 }}";
        assertThat(problem(breakout)).isEqualTo(new JsSyntax.Problem("unexpected ')': a template holds one expression",
                breakout.indexOf(')')));
        assertThat(problem("{{ a; b }}")).isEqualTo(new JsSyntax.Problem("unexpected ';': a template holds one expression", 4));
        assertThat(problem("{{ (a] }}").message()).isEqualTo("unexpected ']': '(' at 1:4 is still open");
        assertThat(problem("{{ f(a }}")).isEqualTo(new JsSyntax.Problem("'(' is never closed before '}}'", 4));
        assertThat(problem("{{ 'open }}").message()).isEqualTo("a string is never closed");
        assertThat(problem("{{ (1 + 2 ").message()).isEqualTo("'(' is never closed");
        assertThat(problem("x {{ 1 + 2 ")).isEqualTo(new JsSyntax.Problem("'{{' is never closed with '}}'", 2));
    }

    @Test
    void namesAreTheFreeIdentifiersNotProperties() {
        JsSyntax.Scan scan = JsSyntax.scanExpression("{{ node.name + humanBytes(n?.size) + 'vars' + [...nodes] }}", 2);
        assertThat(scan.names()).extracting(JsSyntax.Name::name).containsExactly("node", "humanBytes", "n", "nodes");
        assertThat(JsSyntax.scanBody("const x = await f(); return `${y}`").awaits()).isTrue();
        assertThat(JsSyntax.scanBody("return 'await'").awaits()).isFalse();
    }

    @Test
    void aTemplateIsCompleteUnlessAnExpressionIsOpen() {
        assertThat(JsSyntax.templateComplete("It's {{ node.name }}")).isTrue();
        assertThat(JsSyntax.templateComplete("{{ node.name }}'s size is {{ node.size }}")).isTrue();
        assertThat(JsSyntax.templateComplete("Items: [{{ nodes.length }}")).isTrue();
        assertThat(JsSyntax.templateComplete("{{ node.name }} :-(")).isTrue();
        assertThat(JsSyntax.templateComplete("no template (at all")).isTrue();
        assertThat(JsSyntax.templateComplete("{{ nodes.map(n =>")).isFalse();
        assertThat(JsSyntax.templateComplete("{{ [1,\n2")).isFalse();
        assertThat(JsSyntax.templateComplete("{{ `multi\nline")).isFalse();
        assertThat(JsSyntax.templateComplete("{{ 1 }} and {{ (2")).isFalse();
        // wrong in a way more input cannot fix: let the evaluation say so
        assertThat(JsSyntax.templateComplete("{{ 1) }}")).isTrue();
    }

    @Test
    void aScriptIsCompleteUnlessSomethingIsOpen() {
        assertThat(JsSyntax.scriptComplete("const names = nodes.map(n => n.name)")).isTrue();
        assertThat(JsSyntax.scriptComplete("return 1 // don't stop here")).isTrue();
        assertThat(JsSyntax.scriptComplete("if (x) {")).isFalse();
        assertThat(JsSyntax.scriptComplete("const s = `a\nb")).isFalse();
        assertThat(JsSyntax.scriptComplete("/* a comment")).isFalse();
        assertThat(JsSyntax.scriptComplete("const s = 'a \\")).isFalse();
        assertThat(JsSyntax.scriptComplete("return \"it's")).isTrue();
        assertThat(JsSyntax.scriptComplete("return 1 }")).isTrue();
    }

    @Test
    void aBodyThatClosesMoreThanItOpensIsAProblem() {
        String body = "}}); const box={n:0}; (function(){{ box.n++; return box.n";
        assertThat(JsSyntax.scanBody(body).problem())
                .isEqualTo(new JsSyntax.Problem("unexpected '}': it closes nothing the code opened", 0));
        assertThat(JsSyntax.scanBody("x <!-- }\nreturn 2").problem()).isNull();
        assertThat(JsSyntax.scanBody("  --> }\nreturn 2").problem()).isNull();
    }

    @Test
    void positionsAreOneBased() {
        assertThat(JsSyntax.position("ab\ncd", 4)).containsExactly(2, 2);
        assertThat(JsSyntax.position("ab", 0)).containsExactly(1, 1);
    }
}
