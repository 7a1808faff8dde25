package io.flowhost.script;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Initialises every class of the script engine (GraalJS, Truffle, TRegex, ICU) and of the libraries
 * the helpers use, then runs the common operations and every helper once, on a background thread
 * with a shallow stack, soon after the engine starts.
 *
 * <p>Guest code can recurse until the stack is exhausted, catch the overflow and go on at the
 * bottom of the stack. A class whose initialiser first runs there fails for want of stack and stays
 * unusable for the life of the process: one script could break an engine operation (or a helper)
 * for every later task. Once this is done, a process (the server, the playground) is immune: it
 * costs about 0.5 s of one core with the launcher's start-up cache, 2 to 4 s without. It starts a second after the
 * engine, so that commands that end sooner never pay for it; {@code flowhost serve} waits for it
 * before it takes work. {@code -Dflowhost.sandbox.preinitialize=off} skips it, {@code =wait} runs it
 * at once and makes the engine's start wait for it (the launcher's start-up cache is trained so).
 */
final class Preinitialization {
    /** Classes whose jars are initialised whole. */
    private static final List<String> ANCHORS = List.of(
            "com.oracle.truffle.js.lang.JavaScriptLanguage",
            "com.oracle.truffle.api.TruffleLanguage",
            "com.oracle.truffle.regex.RegexLanguage",
            "com.ibm.icu.text.Collator",
            "org.apache.commons.text.StringEscapeUtils",
            "com.jayway.jsonpath.JsonPath");

    private static final long START_DELAY_MILLIS = 1000;
    private static final String THREAD_NAME = "flowhost-script-preinitialize";
    private static final boolean WAIT = "wait".equals(System.getProperty("flowhost.sandbox.preinitialize"));
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    CompletableFuture<Void> done() {
        return done;
    }

    /** @param warmUp runs the common operations and the helpers in the engine, after the classes are initialised */
    void startInBackground(Runnable warmUp) {
        String mode = System.getProperty("flowhost.sandbox.preinitialize", "background");
        if (mode.equals("off")) {
            done.complete(null);
            return;
        }
        long delay = mode.equals("wait") ? 0 : START_DELAY_MILLIS;
        Thread thread = Thread.ofPlatform().daemon().name(THREAD_NAME).unstarted(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            run(warmUp);
        });
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** With {@code =wait}, waits until it is done (called once the engine exists, outside its initialiser). */
    void awaitIfAsked() {
        if (WAIT && !done.isDone() && !Thread.currentThread().getName().equals(THREAD_NAME)) {
            done.join();
        }
    }

    private void run(Runnable warmUp) {
        try {
            ClassLoader loader = Preinitialization.class.getClassLoader();
            for (String anchor : ANCHORS) {
                for (String name : classesBeside(anchor, loader)) {
                    try {
                        Class.forName(name, true, loader);
                    } catch (Throwable e) {
                        // a class that cannot be initialised here (a missing optional dependency) is
                        // not one a script can reach either
                    }
                }
            }
            warmUp.run();
        } catch (RuntimeException e) {
            // the engine works without it; only the protection it gives is lost
        } finally {
            done.complete(null);
        }
    }

    /** The names of the classes in the jar (or folder) that holds {@code anchor}. */
    private static List<String> classesBeside(String anchor, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        try {
            CodeSource source = Class.forName(anchor, false, loader).getProtectionDomain().getCodeSource();
            if (source == null) {
                return names;
            }
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.map(location::relativize).map(Path::toString).forEach(file -> add(names, file));
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    jar.stream().forEach(entry -> add(names, entry.getName()));
                }
            }
        } catch (ClassNotFoundException | IOException | URISyntaxException | RuntimeException e) {
            // nothing to initialise from there
        }
        return names;
    }

    private static void add(List<String> names, String file) {
        if (file.endsWith(".class") && !file.contains("module-info") && !file.startsWith("META-INF")) {
            names.add(file.substring(0, file.length() - ".class".length()).replace('/', '.').replace('\\', '.'));
        }
    }
}
