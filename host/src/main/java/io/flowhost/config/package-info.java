/**
 * The host configuration: what the host's operator decides and jobs must not (plugin folders, the
 * data folder and the server's address, secrets, each plugin's settings such as file roots or the
 * shell's allow list), read from one JSON file through {@link io.flowhost.config.HostConfig}.
 */
package io.flowhost.config;
