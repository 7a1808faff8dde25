package io.flowhost.cli;

/** Placeholder entry point. */
public final class Flowhost {
    private Flowhost() {}

    public static void main(String[] args) {
        System.out.println("flowhost");
    }
}
