package io.flowhost.script;

/**
 * Whether the calling thread has stack to spare before it runs host code for a guest.
 *
 * <p>Guest code can recurse until the stack is almost gone, catch the overflow, and call host code
 * there. Had that host code been the first to use a class of the JDK or the engine, the class's
 * initialiser would fail for want of stack, and the class would stay unusable for the life of the
 * process. Every call from the guest into the host first descends a fixed depth here; an overflow
 * in this descent harms nothing, and the guest gets a {@code RangeError} instead of the call.
 *
 * <p>A compiled frame here takes a few dozen bytes and every method entry checks that the JVM's
 * shadow zone (some 80 KiB on x64) lies below it, so the descent proves roughly
 * {@code DEPTH * frame + shadow zone}, about 100 KiB, of room in about half a microsecond. The
 * engine's classes are all initialised in the background anyway ({@link Preinitialization}); this
 * covers the JDK classes a helper may first use on a rare path.
 */
final class StackRoom {
    private static final int DEPTH = 500;

    private StackRoom() {}

    /** @return whether the thread has room for host code */
    static boolean available() {
        try {
            return descend(DEPTH) == DEPTH;
        } catch (StackOverflowError e) {
            return false;
        }
    }

    private static int descend(int depth) {
        return depth == 0 ? 0 : descend(depth - 1) + 1;
    }
}
