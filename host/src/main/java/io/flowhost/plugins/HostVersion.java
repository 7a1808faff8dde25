package io.flowhost.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this host, against which plugins' {@code Plugin-Requires} are checked. */
public final class HostVersion {
    private static final String VERSION = read();

    private HostVersion() {}

    /** @return the host version, e.g. {@code 0.1.0}; {@code 0.0.0} when the build did not record one */
    public static String hostVersion() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = HostVersion.class.getResourceAsStream("/io/flowhost/version.properties")) {
            if (in == null) {
                return "0.0.0";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "0.0.0");
            return version.startsWith("$") ? "0.0.0" : version;
        } catch (IOException e) {
            return "0.0.0";
        }
    }
}
