/**
 * What starts tasks on a server: schedules (cron and ISO-8601 repeating intervals, with misfire
 * handling), webhooks (the slugs; the HTTP side is the server's), watched folders, and the end of
 * other jobs' tasks. {@link io.flowhost.trigger.Triggers} holds every loaded job's triggers and
 * hands what fires to a {@link io.flowhost.trigger.Launcher}.
 */
package io.flowhost.trigger;
