package io.flowhost.api;

import org.pf4j.ExtensionPoint;

/**
 * A unit of work that a job step runs, such as {@code files.copy}.
 *
 * <p>Plugins implement this interface and mark the class with {@code @org.pf4j.Extension}; the
 * host creates one instance per plugin through the public no-argument constructor and calls it
 * from many tasks at once, so an implementation must be thread-safe (ideally stateless).
 *
 * <p>A typical action:
 *
 * <pre>{@code
 * @Extension
 * public final class Hello implements Action {
 *     public ActionDescriptor descriptor() {
 *         return ActionDescriptor.builder("demo.hello")
 *                 .label("Say hello")
 *                 .summary("Logs a greeting")
 *                 .param(ParamSpec.string("name", "Who to greet").withDefault("world"))
 *                 .build();
 *     }
 *
 *     public StepResult run(ActionContext context) {
 *         String greeting = "Hello " + context.params().string("name");
 *         context.log().info(greeting);
 *         return StepResult.ok(greeting);
 *     }
 * }
 * }</pre>
 */
public interface Action extends ExtensionPoint {

    /**
     * Describes this action: its id, documentation and parameters. The host calls it once when
     * the plugin is loaded and keeps the result.
     *
     * @return the descriptor, never {@code null}
     */
    ActionDescriptor descriptor();

    /**
     * Runs the action once for one step execution.
     *
     * <p>The parameters in {@code context} are already evaluated (templates rendered) and checked
     * against the {@linkplain #descriptor() descriptor}: required ones are present, defaults are
     * filled in and types match. A long-running action should call
     * {@link ActionContext#checkCancelled()} now and then: the host cancels an action when its step
     * or job times out, and interrupts its thread.
     *
     * <p>Throwing fails the step with the exception's message, exactly like returning
     * {@link StepResult#failed(String)}; the host never lets an action take it down.
     *
     * @param context the step's parameters, input message, task log and scratch directory
     * @return the result, never {@code null}
     * @throws Exception any failure, reported as the step's error
     */
    StepResult run(ActionContext context) throws Exception;
}
