package io.flowhost.benchmarks;

import org.graalvm.polyglot.Context;

/** The cold-start baseline: a bare GraalJS context evaluating {@code 1+1} in a fresh JVM. */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) {
        try (Context context = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            System.out.println(context.eval("js", "1+1").asInt());
        }
    }
}
