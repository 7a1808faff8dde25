package io.flowhost.server;

import io.flowhost.store.TaskStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API token and each webhook's token: 32 random bytes from {@link SecureRandom}, shown once
 * when made, kept only as their SHA-256 (a fast hash is enough for tokens this long: there is no
 * dictionary to try), and compared in constant time ({@link MessageDigest#isEqual}).
 */
final class Tokens {
    static final String API = "api.token.sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TaskStore store;
    /** Hashes by setting name: a request never waits for the database to check its token. */
    private final Map<String, byte[]> hashes = new ConcurrentHashMap<>();

    Tokens(TaskStore store) {
        this.store = store;
    }

    /** @return a new API token when there is none yet (or {@code reset}), to show once; empty when one is kept */
    Optional<String> ensureApiToken(boolean reset) {
        Optional<String> kept = store.setting(API);
        if (kept.isPresent() && !reset) {
            hashes.put(API, HexFormat.of().parseHex(kept.get()));
            return Optional.empty();
        }
        return Optional.of(make(API));
    }

    boolean apiToken(String presented) {
        return matches(API, presented);
    }

    /** @return a new token for the webhook when it has none yet, to show once; empty when one is kept */
    Optional<String> ensureHookToken(String slug) {
        String name = hookName(slug);
        if (hashes.containsKey(name)) {
            return Optional.empty();
        }
        Optional<String> kept = store.setting(name);
        if (kept.isPresent()) {
            hashes.put(name, HexFormat.of().parseHex(kept.get()));
            return Optional.empty();
        }
        return Optional.of(make(name));
    }

    /** @return a new token for the webhook, in place of its old one */
    String resetHookToken(String slug) {
        return make(hookName(slug));
    }

    boolean hookToken(String slug, String presented) {
        return matches(hookName(slug), presented);
    }

    private static String hookName(String slug) {
        return "hook." + slug + ".token.sha256";
    }

    private String make(String name) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] hash = sha256(token);
        store.setting(name, HexFormat.of().formatHex(hash));
        hashes.put(name, hash);
        return token;
    }

    private boolean matches(String name, String presented) {
        byte[] expected = hashes.get(name);
        // hashing first makes the comparison's time independent of the presented token's length
        return expected != null && presented != null && MessageDigest.isEqual(expected, sha256(presented));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
