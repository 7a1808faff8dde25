/**
 * The task store: tasks, their step records and log lines, the queue of tasks waiting to run, and
 * the few settings a server keeps (hashed tokens, the last firing of schedules). On SQLite in a data
 * folder by default, on H2 or PostgreSQL when given a JDBC URL; the schema is migrated with Flyway,
 * the same migrations for every database. Only {@link io.flowhost.store.TaskStore} and the records
 * it takes and gives are public; JDBC, Flyway and the pool stay inside.
 */
package io.flowhost.store;
