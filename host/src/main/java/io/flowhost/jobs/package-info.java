/** The job model: job files, their schema, parsing with source locations, and validation. */
package io.flowhost.jobs;
