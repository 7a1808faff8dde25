package io.flowhost.script.helpers;

import java.util.List;

/**
 * The Java side of a template helper. Arguments and the result are plain Java values: {@code null},
 * {@link String}, {@link Boolean}, {@link Number} ({@link Long} for whole numbers, {@link Double}
 * otherwise), {@link List} of such values and {@link java.util.Map} with {@link String} keys.
 */
@FunctionalInterface
public interface HelperFunction {

    /**
     * @param args the arguments as the template passed them (fewer or more than documented is
     *             possible: a helper checks what it needs)
     * @return the result, a plain Java value
     * @throws IllegalArgumentException for arguments it cannot use, with a message for the author
     */
    Object apply(List<Object> args);
}
