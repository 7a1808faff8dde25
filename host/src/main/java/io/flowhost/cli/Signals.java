package io.flowhost.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * SIGINT and SIGTERM handled by the command instead of the JVM, whose own handling runs shutdown
 * hooks (and a second signal cannot end a JVM whose hooks run). Through {@code sun.misc.Signal},
 * reached by reflection because javac's warning about that API cannot be suppressed under
 * {@code -Werror}.
 */
final class Signals {
    private Signals() {}

    /**
     * Handles a signal until the returned action restores the JVM's own handling.
     *
     * @param name     {@code INT} or {@code TERM}
     * @param received called with the signal's number, on a thread of the JVM's
     * @return what restores the handling before, or empty when the signal cannot be handled here (no
     *         {@code sun.misc.Signal}, or the signal is reserved, as with {@code java -Xrs}): then a
     *         shutdown hook must do the work
     */
    static Optional<Runnable> handle(String name, IntConsumer received) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object which = signalType.getConstructor(String.class).newInstance(name);
            Method number = signalType.getMethod("getNumber");
            Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            received.accept((Integer) number.invoke(args[0]));
                            yield null;
                        }
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "flowhost SIG" + name + " handler";
                    });
            Method handle = signalType.getMethod("handle", signalType, handlerType);
            Object previous = handle.invoke(null, which, handler);
            return Optional.of(() -> {
                try {
                    handle.invoke(null, which, previous);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    // keep ours: it only acts on what has ended
                }
            });
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            return Optional.empty();
        }
    }
}
