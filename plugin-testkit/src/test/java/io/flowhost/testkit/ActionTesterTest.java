package io.flowhost.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Message;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionTesterTest {
    /** Greets, from a greeting in its host settings, as many times as asked; writes the text into its scratch folder. */
    static final class Greet implements Action {
        @Override
        public ActionDescriptor descriptor() {
            return ActionDescriptor.builder("demo.greet")
                    .param(ParamSpec.string("name", "Who").asRequired())
                    .param(ParamSpec.integer("times", "How often").withDefault(1))
                    .param(ParamSpec.string("tone", "How").withDefault("plain").withAllowed("plain", "loud"))
                    .build();
        }

        @Override
        public StepResult run(ActionContext context) throws Exception {
            String greeting = context.settings().string("greeting").orElse("Hello") + " " + context.params().string("name");
            if (context.params().string("tone").equals("loud")) {
                greeting = greeting.toUpperCase(java.util.Locale.ROOT);
            }
            String text = (greeting + "\n").repeat((int) context.params().integer("times")).strip();
            context.log().info(text);
            Files.writeString(context.scratchDir().resolve("greeting.txt"), text);
            return StepResult.ok(text).withMessage(context.message().withVar("greeted", context.params().string("name")));
        }
    }

    @TempDir
    Path dir;

    @Test
    void runsTheActionWithDefaultsFilledInAndReturnsItsResultAndLog() throws Exception {
        ActionRun run = ActionTester.of(new Greet()).withScratchDir(dir).run("{\"name\": \"Ada\", \"times\": \"2\"}");

        assertThat(run.result().string()).isEqualTo("Hello Ada\nHello Ada");
        assertThat(run.log()).containsExactly("info: Hello Ada\nHello Ada");
        assertThat(run.message()).isEqualTo(Message.empty().withVar("greeted", "Ada"));
        assertThat(dir.resolve("greeting.txt")).hasContent("Hello Ada\nHello Ada");
    }

    @Test
    void hostSettingsReachTheAction() throws Exception {
        ActionRun run = ActionTester.of(new Greet()).withSettings("{\"greeting\": \"Hi\"}").run("{\"name\": \"Bo\"}");

        assertThat(run.result().string()).isEqualTo("Hi Bo");
    }

    @Test
    void parametersAreRefusedWithTheHostsMessages() {
        ActionTester tester = ActionTester.of(new Greet());

        assertThatThrownBy(() -> tester.run("{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parameter 'name' is required");
        assertThatThrownBy(() -> tester.run("{\"name\": \"x\", \"times\": \"many\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parameter 'times' must be an integer, not \"many\"");
        assertThatThrownBy(() -> tester.run("{\"name\": \"x\", \"tone\": \"shy\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'tone' must be one of [plain, loud], not \"shy\"");
        assertThatThrownBy(() -> tester.run("{\"name\": \"x\", \"volume\": 3}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("action 'demo.greet' has no parameter 'volume'; it takes [name, times, tone]");
        assertThatThrownBy(() -> tester.run("[1]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("parameters must be a JSON object, not [1]");
    }
}
