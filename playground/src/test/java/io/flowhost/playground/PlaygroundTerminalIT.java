package io.flowhost.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real playground in a real pseudo-terminal (tmux), typed at as a person types: quotes, Tab,
 * Ctrl+C, Ctrl+D, and the screen read back. Piped tests are blind to all of that. Without tmux the
 * tests are skipped, except under {@code CI=true}, where they must run.
 */
class PlaygroundTerminalIT {
    private static final Path ROOT = Path.of(System.getProperty("flowhost.root"));
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path home;


    @BeforeAll
    static void tmuxIsThere() throws Exception {
        boolean found;
        try {
            found = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            found = false;
        }
        if (!found && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("tmux is needed for the playground's terminal tests under CI=true: apt-get install tmux");
        }
        assumeTrue(found, "tmux is not installed: the playground's terminal tests are skipped (apt-get install tmux)");
    }

    @AfterEach
    void stopTmux() throws Exception {
        tmux("kill-server");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        // a server of our own, its socket in the test's folder: nothing is left behind in /tmp/tmux-*
        List<String> command = new ArrayList<>(List.of("tmux", "-S", home.resolve("tmux.socket").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** Starts the playground in a 100x30 terminal; the shell says how it exited, then waits. */
    private void start(String term) throws Exception {
        String command = "cd '" + ROOT + "' && env HOME='" + home + "' TERM=" + term + " FLOWHOST_REBUILD=never"
                + " ./flowhost playground -m scripts/messages/photos.json; echo EXIT=$?; sleep 600";
        tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", command);
        screenShows(s -> s.contains("{{}}>"), "the prompt");
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Types text literally (no key names). */
    private void type(String text) throws Exception {
        tmux("send-keys", "-t", "t", "-l", text);
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "t");
    }

    private String screenShows(Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the screen never showed " + what + ":\n" + screen);
            }
            Thread.sleep(50);
            screen = screen();
        }
        return screen;
    }

    @Test
    void quotesAndBracketsInTextRunAtOnceAndTheLiveResultShowsWhileTyping() throws Exception {
        start("xterm-256color");

        type("It's {{ node.name }}");
        screenShows(s -> s.contains("= It's beach.jpg  : string"), "the live result under the line");
        keys("Enter");
        screenShows(s -> s.contains("\nIt's beach.jpg  : string"), "the result");
        for (String input : List.of("{{ node.name }}'s size is {{ node.size }}", "Items: [{{ nodes.length }}",
                "{{ node.name }} :-(")) {
            type(input);
            keys("Enter");
        }
        String screen = screenShows(s -> s.contains("beach.jpg :-(  : string"), "every result");
        assertThat(screen).contains("beach.jpg's size is 2480133  : string", "Items: [3  : string")
                .doesNotContain("{{}} >"); // never a continuation prompt
    }

    @Test
    void scriptsAreTypedLineByLine() throws Exception {
        start("xterm-256color");

        type(":mode js");
        keys("Enter");
        // keys typed before a prompt is drawn are echoed where the cursor is, and the prompt follows them
        screenShows(s -> s.contains("\njs>"), "the script prompt");
        type("const names = nodes.map(n => n.name) // don't sort");
        keys("Enter");
        screenShows(s -> s.contains("\n  >"), "the continuation prompt");
        type("return names.join(', ')");
        keys("Enter");

        String screen = screenShows(s -> s.contains("beach.jpg, notes.txt, sunset.jpg  : string"), "the script's result");
        assertThat(screen).contains("js> const names = nodes.map(n => n.name) // don't sort\n  > return names.join(', ')");
    }

    @Test
    void tabCompletesCommandsAndFields() throws Exception {
        start("xterm-256color");

        type(":lo");
        keys("Tab");
        screenShows(s -> s.contains("{{}}> :load"), ":lo completed to :load");
        keys("C-u");
        type("{{ nodes[0].na");
        keys("Tab");
        screenShows(s -> s.contains("{{ nodes[0].name"), "the field completed");
        type("}}");
        keys("Enter");
        screenShows(s -> s.contains("\nbeach.jpg  : string"), "the result");
    }

    @Test
    void ctrlCDropsTheLineOrStopsTheEvaluationAndCtrlDLeaves() throws Exception {
        start("xterm-256color");

        type("{{ 'half typed");
        screenShows(s -> s.contains("error: a string is never closed"), "the live error under the line");
        keys("C-c");
        screenShows(s -> s.endsWith("{{}}>\n") || s.strip().endsWith("{{}}>"), "the line dropped");
        type(":mode js");
        keys("Enter");
        screenShows(s -> s.contains("\njs>"), "the script prompt");
        // seconds before its statement limit, where an empty loop reaches it in a fraction of one
        type("let x = 0; for (;;) { x = Math.sqrt(x + Math.sin(x) * Math.cos(x) + Math.atan2(x, 3) + Math.hypot(x, x)) }");
        keys("Enter", "Enter");
        Thread.sleep(500);
        keys("C-c");
        screenShows(s -> s.contains("error: script was cancelled"), "the evaluation cancelled");
        type("return 6 * 7");
        keys("Enter");
        screenShows(s -> s.contains("42  : number"), "the session going on");
        keys("C-d");
        screenShows(s -> s.contains("EXIT=0"), "the playground leaving with exit 0");
    }

    @Test
    void ctrlCOnADumbTerminalDoesNotEndThePlayground() throws Exception {
        start("dumb");

        type("abc");
        screenShows(s -> s.contains("{{}}> abc"), "the typing");
        keys("C-c");
        // a dumb terminal has no raw mode: keys typed before the fresh prompt may go to the dropped line
        screenShows(s -> s.split("\\{\\{}}>", -1).length > 2, "a fresh prompt");
        type("{{ nodes.length }}");
        keys("Enter");
        String screen = screenShows(s -> s.contains("3  : number"), "the session going on");
        assertThat(screen).doesNotContain("EXIT=");
    }
}
