package io.flowhost.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * The class loader of one plugin jar. A plugin sees its own jar, the JDK, and from the host only
 * what it shares with every plugin: the plugin API, PF4J, Jackson and SLF4J. Nothing else of the
 * host's class path is visible (GraalVM, picocli, commons-lang3, the host's own classes), so a
 * plugin that forgot to bundle a library fails to load instead of silently running on the host's
 * copy, possibly of another version.
 *
 * <p>Shared packages come in two strengths. The plugin API and PF4J are host-only: a copy inside a
 * plugin jar is never defined, because a second {@code Action} class would make the plugin's
 * actions invisible to the host. Jackson and SLF4J are parent-first: the host's classes win, so
 * JSON values and loggers cross the boundary, but a plugin may still bring a Jackson module or an
 * SLF4J add-on the host does not have. GraalVM and Truffle are neither visible nor loadable from a
 * plugin jar: GraalJS lives in the host's loader only (its sandbox and its one shared engine depend
 * on that).
 *
 * <p>Every class defined from the jar is first passed through {@link ExitCalls}, which turns calls
 * of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} into calls that fail the
 * step: the host outlives its plugins.
 */
final class PluginJarClassLoader extends PluginClassLoader {
    /** What the host shares with plugins; the only packages of the host's class path a plugin sees. */
    static final List<String> SHARED_PACKAGES =
            List.of("io.flowhost.api.", "org.pf4j.", "com.fasterxml.jackson.", "org.slf4j.");
    /** Never defined from a plugin jar: the host's copy or nothing. */
    static final List<String> HOST_ONLY_PACKAGES =
            List.of("io.flowhost.api.", "org.pf4j.", "org.graalvm.", "com.oracle.truffle.");
    static final List<String> PARENT_FIRST_PACKAGES = List.of("com.fasterxml.jackson.", "org.slf4j.");
    /** The one host class outside the shared packages that plugin code reaches: the target of rewritten exits. */
    static final String EXITS_CLASS = PluginExits.class.getName();

    static {
        registerAsParallelCapable();
    }

    private final Object jarLock = new Object();
    private JarFile jar;
    private URL jarUrl;
    private CodeSource codeSource;

    PluginJarClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader host) {
        // PDA: plugin, then its PF4J dependencies (none: Flowhost rejects Plugin-Dependencies), then the host's view.
        super(pluginManager, descriptor, new HostView(host), ClassLoadingStrategy.PDA);
    }

    @Override
    public void addFile(java.io.File file) {
        super.addFile(file);
        synchronized (jarLock) {
            if (jar == null) {
                try {
                    jarUrl = file.toURI().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException(file + " has no URL", e);
                }
                codeSource = new CodeSource(jarUrl, (Certificate[]) null);
                try {
                    jar = new JarFile(file);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot open " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        if (startsWithAny(className, HOST_ONLY_PACKAGES) || className.equals(EXITS_CLASS)) {
            return getParent().loadClass(className);
        }
        if (startsWithAny(className, PARENT_FIRST_PACKAGES)) {
            synchronized (getClassLoadingLock(className)) {
                Class<?> loaded = findLoadedClass(className);
                if (loaded != null) {
                    return loaded;
                }
                try {
                    return getParent().loadClass(className);
                } catch (ClassNotFoundException notInHost) {
                    return findClass(className);
                }
            }
        }
        return super.loadClass(className);
    }

    /** Defines a class of the jar, with its exits rewritten; the JDK's own loading would define it as it is. */
    @Override
    protected Class<?> findClass(String className) throws ClassNotFoundException {
        if (startsWithAny(className, HOST_ONLY_PACKAGES) || className.equals(EXITS_CLASS)) {
            throw new ClassNotFoundException(className);
        }
        String path = className.replace('.', '/') + ".class";
        byte[] bytes;
        Manifest manifest;
        synchronized (jarLock) {
            if (jar == null) {
                throw new ClassNotFoundException(className);
            }
            try {
                JarEntry entry = jar.getJarEntry(path);
                if (entry == null) {
                    throw new ClassNotFoundException(className);
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                manifest = jar.getManifest();
            } catch (IOException e) {
                throw new ClassNotFoundException(className + ": cannot read it from the jar: " + e.getMessage(), e);
            }
        }
        byte[] code;
        try {
            code = ExitCalls.rewrite(bytes);
        } catch (RuntimeException e) {
            // ASM refuses class files it does not know (a newer class file version than it supports)
            throw new ClassFormatError(className + ": cannot check it for System.exit calls: " + e.getMessage());
        }
        definePackageOf(className, manifest);
        return defineClass(className, code, 0, code.length, codeSource);
    }

    private void definePackageOf(String className, Manifest manifest) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String name = className.substring(0, dot);
        if (getDefinedPackage(name) != null) {
            return;
        }
        try {
            if (manifest != null) {
                definePackage(name, manifest, jarUrl);
            } else {
                definePackage(name, null, null, null, null, null, null, null);
            }
        } catch (IllegalArgumentException definedMeanwhile) {
            // another thread defined it first: the same package either way
        }
    }

    @Override
    public URL getResource(String name) {
        // PF4J reads the extension index plugin-first but falls back to the host's class path; a jar
        // without an index would then borrow the host's and report the host's extensions as its own.
        if (LegacyExtensionFinder.EXTENSIONS_RESOURCE.equals(name)) {
            return findResource(name);
        }
        return super.getResource(name);
    }

    /** Whether a class of that internal name ({@code a/b/C}) is visible to the plugin, without loading it. */
    boolean sees(String internalName) {
        String className = internalName.replace('/', '.');
        if (startsWithAny(className, HOST_ONLY_PACKAGES) || className.equals(EXITS_CLASS)) {
            return getParent().getResource(internalName + ".class") != null;
        }
        return findResource(internalName + ".class") != null || getParent().getResource(internalName + ".class") != null;
    }

    @Override
    public void close() throws IOException {
        synchronized (jarLock) {
            if (jar != null) {
                jar.close();
                jar = null;
            }
        }
        super.close();
    }

    static boolean startsWithAny(String className, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a plugin sees of the host: the JDK (through the platform class loader), the shared
     * packages and {@link PluginExits}, nothing else. Resources likewise: a plugin's
     * {@code getResource} never finds the host's files (its {@code logback.xml}, its service files).
     */
    static final class HostView extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final ClassLoader host;

        HostView(ClassLoader host) {
            super("flowhost-shared", ClassLoader.getPlatformClassLoader());
            this.host = host;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (startsWithAny(name, SHARED_PACKAGES) || name.equals(EXITS_CLASS)) {
                return host.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return shared(name) ? host.getResource(name) : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return shared(name) ? host.getResources(name) : super.getResources(name);
        }

        @Override
        protected URL findResource(String name) {
            return null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) {
            return Collections.emptyEnumeration();
        }

        private static boolean shared(String resource) {
            String asClass = resource.replace('/', '.');
            return startsWithAny(asClass, SHARED_PACKAGES) || asClass.equals(EXITS_CLASS + ".class");
        }
    }
}
