package io.flowhost.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The process that runs a task, as the store records it: {@code host/pid/startMillis}. The start
 * time tells a live process from a later one that was given the same pid.
 *
 * @param host        the machine's host name
 * @param pid         the process id
 * @param startMillis when the process started, in epoch milliseconds (0 when unknown)
 */
record Owner(String host, long pid, long startMillis) {
    private static final Owner CURRENT = current0();

    Owner {
        Objects.requireNonNull(host, "host");
    }

    /** @return this process */
    static Owner current() {
        return CURRENT;
    }

    private static Owner current0() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(hostName(), self.pid(), self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L));
    }

    /** The host name without a DNS lookup, which can take seconds on a badly configured machine. */
    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                name = null;
            }
        }
        return name == null || name.isBlank() ? "localhost" : name.replace('/', '_');
    }

    /** @return the owner named by {@code text}, if it is one */
    static Optional<Owner> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("/");
        try {
            return parts.length == 3 ? Optional.of(new Owner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * @return whether this process is gone: known only for processes of this machine (a process on
     *         another machine is never judged dead from here)
     */
    boolean deadHere() {
        if (!host.equals(CURRENT.host)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        long started = process.get().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        // a pid given again to a later process: its start differs (by more than the clock's rounding)
        return startMillis != 0 && started != 0 && Math.abs(started - startMillis) > 1000;
    }

    @Override
    public String toString() {
        return host + "/" + pid + "/" + startMillis;
    }
}
