package io.flowhost.jobs;

import io.flowhost.api.Action;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import io.flowhost.plugins.ActionCatalog;
import io.flowhost.plugins.RegisteredAction;
import io.flowhost.script.Expressions;
import io.flowhost.script.Scope;
import io.flowhost.script.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Descriptor-only actions and a brace-checking template checker for validation tests. */
final class Fixtures {
    private Fixtures() {}

    static final ActionCatalog ACTIONS = new ActionCatalog() {
        private final List<RegisteredAction> all = List.of(
                action(ActionDescriptor.builder("core.log")
                        .param(ParamSpec.string("message", "text").asRequired())
                        .param(ParamSpec.string("level", "level").withDefault("info").withAllowed("info", "warn", "error"))
                        .build()),
                action(ActionDescriptor.builder("core.set").param(ParamSpec.object("vars", "variables").asRequired()).build()),
                action(ActionDescriptor.builder("core.sleep").param(ParamSpec.duration("duration", "how long").asRequired()).build()),
                action(ActionDescriptor.builder("test.count").param(ParamSpec.integer("limit", "how many")).build()));

        @Override
        public Optional<RegisteredAction> find(String id) {
            return all.stream().filter(a -> a.id().equals(id)).findFirst();
        }

        @Override
        public List<RegisteredAction> all() {
            return all;
        }
    };

    private static RegisteredAction action(ActionDescriptor descriptor) {
        Action action = new Action() {
            @Override
            public ActionDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public StepResult run(io.flowhost.api.ActionContext context) {
                return StepResult.ok();
            }
        };
        return new RegisteredAction(descriptor, action, "test");
    }

    /** Reports an opening {@code {{} without its closing {@code }}} at the line and column of the opening. */
    static final Expressions BRACES = new Expressions() {
        @Override
        public com.fasterxml.jackson.databind.JsonNode render(com.fasterxml.jackson.databind.JsonNode value, Scope scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean test(String condition, Scope scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TemplateException> check(String template) {
            List<TemplateException> problems = new ArrayList<>();
            int from = 0;
            while (true) {
                int open = template.indexOf("{{", from);
                if (open < 0) {
                    return problems;
                }
                int close = template.indexOf("}}", open);
                if (close < 0) {
                    String before = template.substring(0, open);
                    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
                    int column = open - before.lastIndexOf('\n');
                    problems.add(new TemplateException("unclosed {{", template, line, column, null));
                    return problems;
                }
                from = close + 2;
            }
        }
    };
}
