/**
 * {@code flowhost serve}: the jobs folder, loaded and reloaded; the queue's workers; the REST API
 * and the webhooks; tokens. Only {@link io.flowhost.server.Server} is public; Javalin and Jetty
 * types stay inside this package.
 */
package io.flowhost.server;
