package io.flowhost.plugin.archive;

import io.flowhost.api.ActionContext;
import io.flowhost.api.ParamSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The limits an unpack keeps against archive bombs, counted on the bytes really written (an archive's
 * own size fields can lie): entries, total bytes, and how many times larger than the archive an entry
 * grows. Every refusal names the archive, the limit and its value.
 */
final class Limits {
    static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.integer("maxEntries", "The most entries unpacked").withDefault(10_000),
            ParamSpec.integer("maxBytes", "The most bytes unpacked in all").withDefault(1024L * 1024 * 1024),
            ParamSpec.integer("maxRatio", "The most times an entry may grow beyond the archive's size").withDefault(100));

    private final String archive;
    private final long maxEntries;
    private final long maxBytes;
    private final long maxRatio;
    private final long archiveSize;
    private long entries;
    private long bytes;

    Limits(ActionContext context, Path archive) throws IOException {
        this.archive = archive.getFileName().toString();
        this.maxEntries = context.params().integer("maxEntries");
        this.maxBytes = context.params().integer("maxBytes");
        this.maxRatio = context.params().integer("maxRatio");
        this.archiveSize = Math.max(1, Files.size(archive));
    }

    void entry(String name) {
        if (++entries > maxEntries) {
            throw bomb("more than " + maxEntries + " entries (limit maxEntries " + maxEntries + ")");
        }
    }

    /** Copies one entry, stopping as soon as it breaks a limit. */
    long copy(String name, InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        long ratioLimit = archiveSize * maxRatio;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            written += read;
            bytes += read;
            if (bytes > maxBytes) {
                throw bomb("more than " + maxBytes + " bytes in all (limit maxBytes " + maxBytes + ")");
            }
            if (written > ratioLimit) {
                throw bomb("entry '" + name + "' grows over " + maxRatio + " times the archive's " + archiveSize
                        + " bytes (limit maxRatio " + maxRatio + ")");
            }
            out.write(buffer, 0, read);
        }
        return written;
    }

    private IllegalArgumentException bomb(String what) {
        return new IllegalArgumentException("'" + archive + "' is refused as an archive bomb: it unpacks to " + what);
    }

    /** The file an entry is written to, refusing names that leave the destination (zip-slip). */
    static Path destination(Path folder, String entryName, String archive) {
        Path target = folder.resolve(entryName).normalize();
        if (entryName.startsWith("/") || entryName.contains("\\") || !target.startsWith(folder) || target.equals(folder)) {
            throw new IllegalArgumentException("'" + archive + "' is refused: its entry '" + entryName
                    + "' would land outside '" + folder + "' (zip-slip)");
        }
        return target;
    }
}
