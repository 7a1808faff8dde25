package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Encodings and hashes of text as UTF-8. */
final class EncodingHelpers {
    private EncodingHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("base64", "encoding", "base64(text)", "Base64 of the text's UTF-8 bytes", "base64('flow')",
                        "\"Zmxvdw==\"", a -> {
                            byte[] bytes = bytes(a);
                            checkResult(a, (bytes.length + 2L) / 3 * 4);
                            return Base64.getEncoder().encodeToString(bytes);
                        }),
                helper("fromBase64", "encoding", "fromBase64(text)", "Text from Base64 (UTF-8)", "fromBase64('Zmxvdw==')",
                        "\"flow\"", a -> {
                            String text = a.text(0).trim();
                            try {
                                return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
                            } catch (IllegalArgumentException e) {
                                throw a.wrong("not Base64: " + e.getMessage());
                            }
                        }),
                helper("hex", "encoding", "hex(text)", "Lowercase hex of the text's UTF-8 bytes", "hex('hi')", "\"6869\"",
                        a -> {
                            byte[] bytes = bytes(a);
                            checkResult(a, bytes.length * 2L);
                            return HexFormat.of().formatHex(bytes);
                        }),
                helper("fromHex", "encoding", "fromHex(text)", "Text from hex (UTF-8)", "fromHex('6869')", "\"hi\"", a -> {
                    String text = a.text(0).trim();
                    try {
                        return new String(HexFormat.of().parseHex(text), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        throw a.wrong("not hex: " + e.getMessage());
                    }
                }),
                helper("urlEncode", "encoding", "urlEncode(text)", "Safe inside a URL path segment or query value",
                        "urlEncode('a b&c/d')", "\"a%20b%26c%2Fd\"",
                        EncodingHelpers::urlEncode),
                helper("urlDecode", "encoding", "urlDecode(text)", "Text from its URL encoding", "urlDecode('a%20b%26c')",
                        "\"a b&c\"", a -> {
                            String text = a.text(0).replace("+", "%2B");
                            try {
                                return URLDecoder.decode(text, StandardCharsets.UTF_8);
                            } catch (IllegalArgumentException e) {
                                throw a.wrong("not URL-encoded: " + e.getMessage());
                            }
                        }),
                helper("sha256", "encoding", "sha256(text)", "SHA-256 of the text's UTF-8 bytes, hex", "sha256('abc')",
                        "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"", a -> digest("SHA-256", a)),
                helper("sha1", "encoding", "sha1(text)", "SHA-1 of the text's UTF-8 bytes, hex", "sha1('abc')",
                        "\"a9993e364706816aba3e25717850c26c9cd0d89d\"", a -> digest("SHA-1", a)),
                helper("md5", "encoding", "md5(text)", "MD5 of the text's UTF-8 bytes, hex (not for security)", "md5('abc')",
                        "\"900150983cd24fb0d6963f7d28e17f72\"", a -> digest("MD5", a)),
                helper("uuid", "encoding", "uuid()", "A random UUID", "uuid().length", "36",
                        a -> UUID.randomUUID().toString()));
    }

    /**
     * {@code URLEncoder.encode(text, UTF_8)} with spaces as %20, once its length is known to be within
     * the result limit: up to nine characters for one, so it is counted first.
     */
    private static String urlEncode(Args a) {
        String text = a.text(0);
        long length = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            length += unreserved(b) ? 1 : 3;
        }
        checkResult(a, length);
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The bytes URLEncoder leaves as they are. */
    private static boolean unreserved(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '-' || b == '*'
                || b == '_';
    }

    private static void checkResult(Args a, long length) {
        if (length > Bounds.TEXT) {
            throw a.tooLarge("result length", length, Bounds.TEXT);
        }
    }

    private static byte[] bytes(Args a) {
        return a.text(0).getBytes(StandardCharsets.UTF_8);
    }

    private static String digest(String algorithm, Args a) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes(a)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
