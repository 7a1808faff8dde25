package io.flowhost.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowhost.jobs.JsonErrors;
import io.flowhost.jobs.JsonLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Request bodies: JSON only, within the size limit and the JSON limits every input has. */
final class Bodies {
    static final ObjectMapper JSON = JsonLimits.mapper();

    private Bodies() {}

    /**
     * @param contentType the request's {@code Content-Type}, or {@code null}
     * @throws ApiError 415 unless it is JSON ({@code application/json}, or {@code +json})
     */
    static void requireJson(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw new ApiError(415, "the body must be JSON, sent with Content-Type: application/json"
                    + (type.isEmpty() ? "" : ", not " + type));
        }
    }

    /**
     * @param declaredLength the request's {@code Content-Length}, or -1
     * @throws ApiError 413 when the body is declared larger than {@code limit}
     */
    static void requireSize(long declaredLength, long limit) {
        if (declaredLength > limit) {
            throw tooLarge(declaredLength, limit);
        }
    }

    static ApiError tooLarge(long length, long limit) {
        return new ApiError(413, "the body is " + (length < 0 ? "larger than" : length + " bytes, more than")
                + " the limit of " + limit + " bytes");
    }

    /**
     * @return the body's one JSON value
     * @throws ApiError 400 naming the line and column of a syntax error or a broken limit
     */
    static JsonNode json(byte[] body) {
        if (body.length == 0) {
            throw ApiError.badRequest("the body is empty; expected JSON");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try (JsonParser parser = JSON.createParser(text)) {
            try {
                JsonNode value = JSON.readTree(parser);
                if (parser.nextToken() != null) {
                    var at = parser.currentTokenLocation();
                    throw ApiError.badRequest("invalid JSON at " + at.getLineNr() + ":" + at.getColumnNr()
                            + ": unexpected content after the JSON value");
                }
                if (value == null) {
                    throw ApiError.badRequest("the body is empty; expected JSON");
                }
                return value;
            } catch (StreamConstraintsException e) {
                JsonLimits.Exceeded exceeded = JsonLimits.exceeded(e, parser);
                throw ApiError.badRequest("the body breaks a limit at " + exceeded.line() + ":" + exceeded.column() + ": "
                        + exceeded.getMessage());
            }
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw ApiError.badRequest("invalid JSON" + (at == null ? "" : " at " + at.getLineNr() + ":"
                    + Math.max(1, at.getColumnNr())) + ": " + JsonErrors.reason(e));
        } catch (IOException e) {
            throw ApiError.badRequest("cannot read the body: " + e.getMessage());
        }
    }
}
