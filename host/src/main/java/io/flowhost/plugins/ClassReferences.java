package io.flowhost.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Finds the classes a plugin's own code uses that its class loader cannot see, when the jar loads
 * rather than when an action first runs into one. "Its own code" is the classes in the packages of
 * its {@code @Extension} classes: bundled libraries are left alone, since they often refer to
 * optional dependencies they never load.
 *
 * <p>Only what the JVM resolves counts: superclasses, interfaces, field and method types, and what
 * method bodies instantiate, call, read, cast or catch. Annotations and generic signatures do not:
 * a missing annotation class is harmless at run time.
 */
final class ClassReferences {
    private ClassReferences() {}

    /** A class that plugin code uses and cannot see, and the first class of the jar that uses it. */
    record Missing(String className, String usedBy) {}

    /**
     * @param jar      the plugin jar
     * @param packages the packages to check, in internal form ({@code com/acme/x})
     * @param loader   the plugin's class loader
     * @return the classes that are missing, in the order first met
     */
    static List<Missing> missing(JarFile jar, Set<String> packages, PluginJarClassLoader loader) throws IOException {
        Map<String, String> usedBy = new LinkedHashMap<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (!name.endsWith(".class") || name.startsWith("META-INF/") || !packages.contains(packageOf(name))) {
                continue;
            }
            byte[] bytes;
            try (InputStream in = jar.getInputStream(entry)) {
                bytes = in.readAllBytes();
            }
            String user = name.substring(0, name.length() - ".class".length()).replace('/', '.');
            for (String used : referencedBy(bytes)) {
                usedBy.putIfAbsent(used, user);
            }
        }
        List<Missing> missing = new ArrayList<>();
        usedBy.forEach((used, user) -> {
            if (!loader.sees(used)) {
                missing.add(new Missing(used.replace('/', '.'), user));
            }
        });
        return missing;
    }

    private static String packageOf(String entryName) {
        int slash = entryName.lastIndexOf('/');
        return slash < 0 ? "" : entryName.substring(0, slash);
    }

    /** The internal names of the classes one class file resolves, in the order met. */
    static Set<String> referencedBy(byte[] classFile) {
        Set<String> names = new java.util.LinkedHashSet<>();
        ClassReader reader = new ClassReader(classFile);
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                add(names, superName);
                if (interfaces != null) {
                    for (String type : interfaces) {
                        add(names, type);
                    }
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                addType(names, Type.getType(descriptor));
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                addType(names, Type.getMethodType(descriptor));
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        addType(names, Type.getObjectType(type));
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDescriptor) {
                        addType(names, Type.getObjectType(owner));
                        addType(names, Type.getType(fieldDescriptor));
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String methodName, String methodDescriptor,
                            boolean isInterface) {
                        addType(names, Type.getObjectType(owner));
                        addType(names, Type.getMethodType(methodDescriptor));
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String dynamicName, String dynamicDescriptor, Handle bootstrap,
                            Object... arguments) {
                        addType(names, Type.getMethodType(dynamicDescriptor));
                        for (Object argument : arguments) {
                            if (argument instanceof Handle handle) {
                                addType(names, Type.getObjectType(handle.getOwner()));
                            } else if (argument instanceof Type type) {
                                addType(names, type);
                            }
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Type type) {
                            addType(names, type);
                        }
                    }

                    @Override
                    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                        addType(names, Type.getType(descriptor));
                    }

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        add(names, type);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return names;
    }

    private static void addType(Set<String> names, Type type) {
        switch (type.getSort()) {
            case Type.OBJECT -> names.add(type.getInternalName());
            case Type.ARRAY -> addType(names, type.getElementType());
            case Type.METHOD -> {
                addType(names, type.getReturnType());
                for (Type argument : type.getArgumentTypes()) {
                    addType(names, argument);
                }
            }
            default -> {
                // primitives resolve to nothing
            }
        }
    }

    private static void add(Set<String> names, String internalName) {
        if (internalName != null) {
            names.add(internalName);
        }
    }
}
