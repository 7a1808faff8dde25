package io.flowhost.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook load benchmark (not a test): starts {@code flowhost serve} as a child process on a
 * fresh store (SQLite in a data folder, H2 in a file, or embedded PostgreSQL), then sends it webhook
 * calls from this process over loopback, at a fixed rate and at full speed, and reports how many
 * tasks a second were accepted, the latency of the {@code 202}s (p50, p99, max), and how long the
 * server took to run every task to its end. Every accepted task is then looked up: it must be stored
 * and have succeeded, or the run fails.
 *
 * <pre>
 * WebhookLoad sqlite|h2|h2-durable|postgres [CALLS [RATE [CONNECTIONS]]]   (defaults 2000, 1000/s, 16 connections)
 * </pre>
 */
public final class WebhookLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern API_TOKEN = Pattern.compile("API token \\(.*\\): (\\S+)");
    private static final Pattern HOOK_TOKEN = Pattern.compile("webhook POST /hooks/bench of job .*: (\\S+)");
    // HTTP/1.1 as load generators (wrk, ab) speak it: no h2c upgrade attempts on the first requests
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Calls of each warm-up round. */
    private static final int WARM_UP = 3000;

    private WebhookLoad() {}

    /**
     * What one phase measured.
     *
     * @param serverCpu    processor time the server used during the phase's calls, in seconds
     * @param generatorCpu processor time this load generator used, in seconds
     */
    private record Phase(String name, int calls, double seconds, long[] micros, List<String> ids, int refused,
            double serverCpu, double generatorCpu) {
        Phase withCpu(double server, double generator) {
            return new Phase(name, calls, seconds, micros, ids, refused, server, generator);
        }

        double perSecond() {
            return calls / seconds;
        }

        double percentile(double p) {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "sqlite";
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        Path dir = Files.createTempDirectory("flowhost-bench-");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("bench.json"), """
                {"id": "bench", "maxConcurrency": 4, "triggers": [{"type": "webhook", "slug": "bench"}],
                 "steps": [{"id": "say", "action": "core.log", "params": {"message": "call {{ event.body.n }}"}}]}
                """);
        EmbeddedPostgres postgres = null;
        List<String> store = new ArrayList<>();
        switch (database) {
            case "sqlite" -> store.addAll(List.of("--data-dir", dir.resolve("data").toString()));
            case "h2" -> store.addAll(List.of("--database", "jdbc:h2:file:" + dir.resolve("flowhost")));
            // H2 writes its commits to the file half a second later by default: a kill -9 loses them
            case "h2-durable" -> store.addAll(List.of("--database", "jdbc:h2:file:" + dir.resolve("flowhost") + ";WRITE_DELAY=0"));
            case "postgres" -> {
                postgres = EmbeddedPostgres.builder().start();
                store.addAll(List.of("--database", postgres.getJdbcUrl("postgres", "postgres")));
            }
            default -> throw new IllegalArgumentException("sqlite, h2, h2-durable or postgres, not " + database);
        }
        Path err = dir.resolve("server.log");
        Process server = start(jobs, store, err);
        try {
            String log = awaitListening(server, err);
            Matcher port = LISTENING.matcher(log);
            Matcher api = API_TOKEN.matcher(log);
            Matcher hook = HOOK_TOKEN.matcher(log);
            if (!port.find() || !api.find() || !hook.find()) {
                throw new IllegalStateException("the server's log has no port or tokens:\n" + log);
            }
            URI base = URI.create("http://127.0.0.1:" + port.group(1));
            String apiToken = api.group(1);
            String hookToken = hook.group(1);

            // the server's JIT (whose compiler threads share the two processors) and the store's
            // first pages warm up on calls that are not measured: a fixed rate, then full speed
            int serverPort = Integer.parseInt(port.group(1));
            for (int round = 0; round < 2; round++) {
                Phase warmup = round == 0 ? fixedRate(serverPort, hookToken, WARM_UP, rate, concurrency)
                        : fullSpeed("warm-up", serverPort, hookToken, WARM_UP, concurrency);
                awaitEnded(base, apiToken, warmup.ids());
            }
            double[] cpu = cpu(server);
            Phase fixed = fixedRate(serverPort, hookToken, calls, rate, concurrency);
            fixed = fixed.withCpu(cpu(server)[0] - cpu[0], cpu(server)[1] - cpu[1]);
            long fixedDone = awaitEnded(base, apiToken, fixed.ids());
            cpu = cpu(server);
            Phase full = fullSpeed("full speed (" + concurrency + " at once)", serverPort, hookToken, calls, concurrency);
            full = full.withCpu(cpu(server)[0] - cpu[0], cpu(server)[1] - cpu[1]);
            long fullDone = awaitEnded(base, apiToken, full.ids());

            System.out.printf(Locale.ROOT, "%s, one-step job, %d calls a phase, %d processors%n", database, calls,
                    Runtime.getRuntime().availableProcessors());
            for (Phase phase : List.of(fixed, full)) {
                long done = phase == fixed ? fixedDone : fullDone;
                System.out.printf(Locale.ROOT,
                        "  %-28s accepted %7.0f tasks/s  202 in p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  refused %d; "
                                + "all %d stored and succeeded %.2f s after the first call; processor time while "
                                + "calling: server %.2f s, load generator %.2f s, in %.2f s%n",
                        phase.name(), phase.perSecond(), phase.percentile(50), phase.percentile(99), phase.percentile(100),
                        phase.refused(), phase.ids().size(), done / 1e9, phase.serverCpu(), phase.generatorCpu(),
                        phase.seconds());
            }
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** @return processor seconds used so far by the server and by this process */
    private static double[] cpu(Process server) {
        double serverSeconds = server.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
        double own = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return new double[] {serverSeconds, own};
    }

    private static Process start(Path jobs, List<String> store, Path err) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dpolyglot.engine.WarnInterpreterOnly=false"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        String root = System.getProperty("flowhost.root", ".");
        String options = System.getProperty("bench.serverOptions", "");
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+"))); // e.g. a flight recording of the server
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.flowhost.cli.Flowhost", "serve",
                "--jobs", jobs.toString(), "--port", "0", "--plugins-dir", Path.of(root, "plugins").toString(),
                "--keep-tasks", "0", "--keep-days", "0"));
        command.addAll(store);
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private static String awaitListening(Process server, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String log = Files.readString(err);
            if (LISTENING.matcher(log).find()) {
                return log;
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the server ended:\n" + log);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not listen within 120s:\n" + Files.readString(err));
    }

    /** What a call does: its request bytes, by number. */
    private static byte[] call(String token, int n) {
        return LoopbackClient.post("/hooks/bench", token, "{\"n\": " + n + "}");
    }

    /**
     * Sends {@code calls} calls at {@code rate} a second over {@code connections} kept-alive
     * connections, each call at its time whatever the answers before it; a call's latency counts
     * from its time, so that a call that waited for a free connection counts its wait too.
     */
    private static Phase fixedRate(int port, String token, int calls, int rate, int connections) throws Exception {
        long start = System.nanoTime() + 50_000_000L;
        return drive("fixed rate (" + rate + "/s)", port, token, calls, connections, i -> start + i * 1_000_000_000L / rate,
                start);
    }

    /** Sends {@code calls} calls as fast as the server answers them, on {@code concurrency} connections at once. */
    private static Phase fullSpeed(String name, int port, String token, int calls, int concurrency) throws Exception {
        long start = System.nanoTime();
        return drive(name, port, token, calls, concurrency, i -> -1, start);
    }

    private static Phase drive(String name, int port, String token, int calls, int connections,
            java.util.function.IntToLongFunction due, long start) throws Exception {
        long[] micros = new long[calls];
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        int[] refused = new int[1];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(start);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (LoopbackClient client = new LoopbackClient(port)) {
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        long at = due.applyAsLong(i);
                        if (at > 0) {
                            long wait = at - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                        long sent = at > 0 ? at : System.nanoTime();
                        LoopbackClient.Response response;
                        try {
                            response = client.send(call(token, i));
                        } catch (IOException e) {
                            synchronized (refused) {
                                refused[0]++;
                            }
                            continue;
                        }
                        long now = System.nanoTime();
                        micros[i] = (now - sent) / 1000;
                        last.accumulateAndGet(now, Math::max);
                        record(response.status(), response.body(), ids, refused);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (last.get() - start) / 1e9;
        return new Phase(name, calls, seconds, micros, List.copyOf(ids), refused[0], 0, 0);
    }

    private static void record(int status, String body, ConcurrentLinkedQueue<String> ids, int[] refused) {
        if (status != 202) {
            synchronized (refused) {
                refused[0]++;
            }
            return;
        }
        try {
            ids.add(JSON.readTree(body).get("task").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until every task of the phase has ended; fails unless every one is stored and succeeded.
     *
     * @return from the first of them queued to the last of them ended, by their own times, in nanoseconds
     */
    private static long awaitEnded(URI base, String apiToken, List<String> ids) throws Exception {
        Set<String> wanted = new HashSet<>(ids);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            Set<String> succeeded = new HashSet<>();
            java.time.Instant first = null;
            java.time.Instant last = null;
            int ended = 0;
            String cursor = null;
            do {
                String path = "/api/tasks?job=bench&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor);
                HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode page = JSON.readTree(response.body());
                for (JsonNode task : page.get("tasks")) {
                    String id = task.get("id").asText();
                    if (!wanted.contains(id)) {
                        continue;
                    }
                    String status = task.get("status").asText();
                    if (!status.equals("queued") && !status.equals("running")) {
                        ended++;
                        if (!status.equals("succeeded")) {
                            throw new IllegalStateException("task " + id + " " + status + ": " + task.get("error"));
                        }
                        succeeded.add(id);
                        java.time.Instant queued = java.time.Instant.parse(task.get("queuedAt").asText());
                        java.time.Instant end = java.time.Instant.parse(task.get("endedAt").asText());
                        first = first == null || queued.isBefore(first) ? queued : first;
                        last = last == null || end.isAfter(last) ? end : last;
                    }
                }
                cursor = page.get("next").isNull() ? null : page.get("next").asText();
            } while (cursor != null);
            if (ended == wanted.size() && succeeded.equals(wanted)) {
                return Duration.between(first, last).toNanos();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((wanted.size() - ended) + " of " + wanted.size() + " tasks did not end in 5 minutes");
            }
            Thread.sleep(200);
        }
    }
}
