package io.flowhost.plugins;

import java.nio.charset.StandardCharsets;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a plugin class so that it cannot end the host's process: every call of
 * {@code System.exit(int)}, {@code Runtime.exit(int)} and {@code Runtime.halt(int)}, as an
 * instruction or as a method reference ({@code System::exit}), calls {@link PluginExits} instead,
 * which throws and so fails the step.
 *
 * <p>Why ASM and not the JDK's ClassFile API: that API is final only from JDK 24 and a preview
 * before, and the host runs on JDK 21 and newer. Each replacement has exactly the stack effect of
 * the call it replaces (an instance call becomes a static call taking the receiver first), so the
 * class's stack map frames stay valid and are copied as they are: nothing is computed, no other
 * class is loaded.
 *
 * <p>Not covered, and not meant to be (plugins are trusted code; this guards against accidents and
 * libraries that exit, not against malice): reflection and method handles looked up by name, and
 * native code.
 */
final class ExitCalls {
    private static final String TARGET = PluginExits.class.getName().replace('.', '/');
    private static final byte[] EXIT = "exit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HALT = "halt".getBytes(StandardCharsets.US_ASCII);

    private ExitCalls() {}

    /**
     * @param classFile a class file's bytes
     * @return the bytes with exits rewritten, or {@code classFile} itself when it calls none
     * @throws IllegalArgumentException if ASM cannot read the class (e.g. a newer class file version)
     */
    static byte[] rewrite(byte[] classFile) {
        // Most classes never name exit or halt: their constant pool would hold the UTF-8 text.
        if (indexOf(classFile, EXIT) < 0 && indexOf(classFile, HALT) < 0) {
            return classFile;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(
                    int access, String name, String descriptor, String signature, String[] exceptions) {
                return new Rewriter(super.visitMethod(access, name, descriptor, signature, exceptions), changed);
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : classFile;
    }

    /** The replacement of a call, or {@code null} when it is not an exit. */
    private static String[] replacement(String owner, String name, String descriptor) {
        if (!descriptor.equals("(I)V")) {
            return null;
        }
        if (owner.equals("java/lang/System") && name.equals("exit")) {
            return new String[] {"exit", "(I)V"};
        }
        if (owner.equals("java/lang/Runtime") && name.equals("exit")) {
            return new String[] {"runtimeExit", "(Ljava/lang/Runtime;I)V"};
        }
        if (owner.equals("java/lang/Runtime") && name.equals("halt")) {
            return new String[] {"runtimeHalt", "(Ljava/lang/Runtime;I)V"};
        }
        return null;
    }

    private static final class Rewriter extends MethodVisitor {
        private final boolean[] changed;

        Rewriter(MethodVisitor next, boolean[] changed) {
            super(Opcodes.ASM9, next);
            this.changed = changed;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String[] target = replacement(owner, name, descriptor);
            if (target != null && (opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKEVIRTUAL)) {
                changed[0] = true;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TARGET, target[0], target[1], false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] rewritten = arguments.clone();
            for (int i = 0; i < rewritten.length; i++) {
                rewritten[i] = rewrite(rewritten[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(rewrite(value));
        }

        private Object rewrite(Object constant) {
            if (constant instanceof Handle handle) {
                String[] target = replacement(handle.getOwner(), handle.getName(), handle.getDesc());
                if (target != null) {
                    changed[0] = true;
                    return new Handle(Opcodes.H_INVOKESTATIC, TARGET, target[0], target[1], false);
                }
            }
            return constant;
        }
    }

    private static int indexOf(byte[] bytes, byte[] word) {
        outer:
        for (int i = 0; i <= bytes.length - word.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (bytes[i + j] != word[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
