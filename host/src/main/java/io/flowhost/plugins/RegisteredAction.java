package io.flowhost.plugins;

import io.flowhost.api.Action;
import io.flowhost.api.ActionDescriptor;
import java.util.Objects;

/**
 * An action the host can run, with the descriptor read once at registration.
 *
 * @param descriptor the action's descriptor
 * @param action     the instance to call
 * @param origin     where it comes from: a plugin jar's file name, or {@code built-in}
 */
public record RegisteredAction(ActionDescriptor descriptor, Action action, String origin) {
    public RegisteredAction {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(origin, "origin");
    }

    /** @return the action id */
    public String id() {
        return descriptor.id();
    }
}
