package io.flowhost.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Task ids: {@code 20261123-083249-c4833a7f0}, the UTC time a task was made, then five hex digits
 * drawn once per process and a four-digit counter. Readable and sortable by time; unique within a
 * process (up to 65,536 tasks a second) and, with the process part, across the processes that share
 * a store (a server, {@code flowhost run}s, other servers on one PostgreSQL).
 */
public final class TaskIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String PROCESS = Integer.toHexString(0x100000 | ThreadLocalRandom.current().nextInt(0x100000))
            .substring(1);
    private static final AtomicInteger COUNTER = new AtomicInteger(ThreadLocalRandom.current().nextInt());
    /** The last second formatted, and its text: a server makes many ids a second. */
    private static volatile Object[] lastSecond = {Long.MIN_VALUE, ""};

    private TaskIds() {}

    /** @return a new task id for a task made now */
    public static String next() {
        return next(Instant.now());
    }

    /** @return a new task id for a task made at {@code at} */
    public static String next(Instant at) {
        String count = Integer.toHexString(0x10000 | (COUNTER.getAndIncrement() & 0xffff)).substring(1);
        Object[] last = lastSecond;
        String time;
        if ((Long) last[0] == at.getEpochSecond()) {
            time = (String) last[1];
        } else {
            time = TIME.format(at);
            lastSecond = new Object[] {at.getEpochSecond(), time};
        }
        return time + "-" + PROCESS + count;
    }
}
