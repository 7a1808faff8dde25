package io.flowhost.plugins;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: the packages the host shares come from the host, everything else from
 * the plugin jar first, so a plugin may bundle its own version of any other library.
 */
final class IsolatingClassLoader extends PluginClassLoader {
    /**
     * Shared with every plugin, always from the host. GraalVM and Truffle are listed so that a
     * plugin can never load a second copy of the script engine into its own loader.
     */
    static final List<String> SHARED_PACKAGES = List.of(
            "io.flowhost.api.", "org.pf4j.", "com.fasterxml.jackson.", "org.slf4j.", "org.graalvm.",
            "com.oracle.truffle.");

    /** Read only from the plugin jar: a missing index must not fall through to the host's class path. */
    static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";

    IsolatingClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return getParent().loadClass(className);
            }
        }
        return super.loadClass(className);
    }

    @Override
    public URL getResource(String name) {
        return EXTENSIONS_INDEX.equals(name) ? findResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return EXTENSIONS_INDEX.equals(name) ? findResources(name) : super.getResources(name);
    }
}
