package io.flowhost.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this host, as Maven wrote it into {@code io/flowhost/version.properties}. */
public final class HostVersion {
    static final String RESOURCE = "io/flowhost/version.properties";
    static final String UNKNOWN = "0.0.0";

    private static final String VERSION = read();

    private HostVersion() {}

    /**
     * @return the host's version such as {@code 0.1.0}, or {@code 0.0.0} (PF4J's "unknown", which
     *     accepts every plugin) when the resource is missing or was not filtered, e.g. when the
     *     classes were compiled by an IDE instead of Maven
     */
    public static String hostVersion() {
        return VERSION;
    }

    private static String read() {
        ClassLoader loader = HostVersion.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            return parse(properties.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** The version of a {@code version} property value, {@code 0.0.0} when it is unusable. */
    static String parse(String value) {
        if (value == null || value.isBlank() || value.contains("${")) {
            return UNKNOWN;
        }
        return value.trim();
    }
}
