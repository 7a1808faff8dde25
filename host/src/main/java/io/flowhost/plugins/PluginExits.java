package io.flowhost.plugins;

/**
 * What plugin code calls instead of {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} ({@link ExitCalls} rewrites the calls as a plugin's classes load): each
 * throws {@link Refused}, which fails the step that made the call, and the host goes on.
 *
 * <p>Public only because rewritten plugin classes, in other class loaders, call it; it is the one
 * host class outside the shared packages that a plugin can reach. Not an API.
 */
public final class PluginExits {
    private PluginExits() {}

    /**
     * Replaces {@code System.exit(status)}.
     *
     * @param status the status the plugin asked for
     * @throws Refused always
     */
    public static void exit(int status) {
        throw new Refused("System.exit(" + status + ")");
    }

    /**
     * Replaces {@code runtime.exit(status)}.
     *
     * @param runtime the runtime the plugin called
     * @param status  the status the plugin asked for
     * @throws Refused always
     */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new Refused("Runtime.exit(" + status + ")");
    }

    /**
     * Replaces {@code runtime.halt(status)}.
     *
     * @param runtime the runtime the plugin called
     * @param status  the status the plugin asked for
     * @throws Refused always
     */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new Refused("Runtime.halt(" + status + ")");
    }

    /**
     * A refused exit. An {@link Error}, so that plugin code catching {@code Exception} around the
     * call does not swallow it and go on as if the process had ended.
     */
    public static final class Refused extends Error {
        private static final long serialVersionUID = 1L;

        Refused(String call) {
            super(call + " was refused: plugin code cannot end the host's process");
        }
    }
}
