package io.flowhost.plugins;

import io.flowhost.api.Action;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.HostSettings;
import java.util.Objects;

/**
 * An action the host can run, with the descriptor read once at registration.
 *
 * @param descriptor the action's descriptor
 * @param action     the instance to call
 * @param origin     where it comes from: a plugin jar's file name, or {@code built-in}
 * @param settings   its plugin's section of the host configuration, given to it as
 *                   {@link io.flowhost.api.ActionContext#settings()}
 */
public record RegisteredAction(ActionDescriptor descriptor, Action action, String origin, HostSettings settings) {
    public RegisteredAction {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(settings, "settings");
    }

    /** An action without settings, such as a built-in. */
    public RegisteredAction(ActionDescriptor descriptor, Action action, String origin) {
        this(descriptor, action, origin, HostSettings.empty());
    }

    /** @return the action id */
    public String id() {
        return descriptor.id();
    }
}
