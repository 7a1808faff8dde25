/**
 * The Flowhost plugin API: everything a plugin author compiles against.
 *
 * <p>A plugin is a PF4J jar that contributes one or more {@link io.flowhost.api.Action}s, each
 * marked with {@code @org.pf4j.Extension}. The host gives an action its evaluated parameters and
 * the input {@link io.flowhost.api.Message} through an {@link io.flowhost.api.ActionContext}, and
 * takes back a {@link io.flowhost.api.StepResult}.
 *
 * <p>Every type here is immutable and thread-safe unless its documentation says otherwise. No
 * method accepts or returns {@code null} unless its documentation says so.
 */
package io.flowhost.api;
