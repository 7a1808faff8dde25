package io.flowhost.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The exact job a task runs: the text of its job file and where the file was. A task keeps it, so
 * that a rerun after an edit runs what the task ran. The store keeps each text once, by its hash.
 *
 * @param text the job file's JSON text, exactly
 * @param file the job file's path, or {@code null} for a job that never was a file; a job's
 *             relative {@code file} parameters are read from beside it
 * @param hash the text's SHA-256, in hex: the version's identity
 */
public record JobVersion(String text, String file, String hash) {
    public JobVersion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(hash, "hash");
    }

    /** @return the version of this text, read from {@code file} (or {@code null}) */
    public static JobVersion of(String text, String file) {
        return new JobVersion(text, file, hash(text));
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
