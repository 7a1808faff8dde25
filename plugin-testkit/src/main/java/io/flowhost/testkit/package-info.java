/**
 * Tests for plugin authors: {@link io.flowhost.testkit.ActionTester} runs an action with its
 * parameters checked as the host checks them, against a message and host settings, with no host
 * start-up. Use it with scope {@code test}.
 */
package io.flowhost.testkit;
