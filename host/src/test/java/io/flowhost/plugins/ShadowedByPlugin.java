package io.flowhost.plugins;

/** A host class that a test plugin bundles its own copy of, to show that the plugin's copy wins. */
final class ShadowedByPlugin {
    private ShadowedByPlugin() {}

    static String origin() {
        return "host";
    }
}
