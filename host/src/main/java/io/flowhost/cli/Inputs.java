package io.flowhost.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Message;
import io.flowhost.api.Node;
import io.flowhost.jobs.JsonErrors;
import io.flowhost.jobs.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what a command is given: message files, nodes from paths, JSON values. */
public final class Inputs {
    static final ObjectMapper JSON = JsonLimits.mapper();

    private Inputs() {}

    /**
     * Builds the first message of a run: the message file (or stdin for {@code -}), then the nodes
     * given as paths appended, and a {@code manual} event unless the message has one.
     *
     * @param messageFile a JSON file, {@code -} for stdin, or {@code null}
     * @param nodePaths   files to add as nodes, or {@code null}
     * @param stdin       what {@code -} reads
     * @return the message
     * @throws UserError naming the file and the place of a mistake
     */
    public static Message message(String messageFile, List<Path> nodePaths, InputStream stdin) {
        Message message = Message.empty();
        if (messageFile != null) {
            String name = messageFile.equals("-") ? "<stdin>" : messageFile;
            JsonNode json = readJson(name, () -> messageFile.equals("-")
                    ? new String(stdin.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : Files.readString(Path.of(messageFile)));
            try {
                message = Message.fromJson(json);
            } catch (IllegalArgumentException e) {
                throw new UserError(name + ": not a message: " + e.getMessage());
            }
        }
        if (nodePaths != null && !nodePaths.isEmpty()) {
            List<Node> nodes = new ArrayList<>(message.nodes());
            for (Path path : nodePaths) {
                nodes.add(node(path));
            }
            message = message.withNodes(nodes);
        }
        if (!message.event().hasNonNull("type")) {
            ObjectNode event = message.event();
            event.put("type", "manual");
            message = message.withEvent(event);
        }
        return message;
    }

    /** A node for a file given on the command line, with its size and modification time. */
    public static Node node(Path path) {
        try {
            var attributes = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
            ObjectNode meta = JSON.createObjectNode().put("dir", attributes.isDirectory());
            return new Node(path.toString(), Node.of(path.toString()).name(),
                    attributes.isDirectory() ? null : attributes.size(),
                    attributes.lastModifiedTime().toInstant(), meta);
        } catch (NoSuchFileException e) {
            throw new UserError("--node " + path + ": no such file or directory");
        } catch (IOException e) {
            throw new UserError("--node " + path + ": " + e.getMessage());
        }
    }

    /** Where JSON text comes from. */
    public interface Text {
        String read() throws IOException;
    }

    /**
     * Parses one JSON value within the {@linkplain JsonLimits limits}; a syntax error is reported as
     * {@code NAME:LINE:COLUMN: invalid JSON: reason}, a broken limit as {@code NAME:LINE:COLUMN: limit}.
     */
    public static JsonNode readJson(String name, Text text) {
        String content;
        try {
            content = text.read();
        } catch (NoSuchFileException e) {
            throw new UserError(name + ": no such file");
        } catch (IOException e) {
            throw new UserError(name + ": cannot read: " + e.getMessage());
        }
        try (JsonParser parser = JSON.createParser(content)) {
            try {
                if (parser.nextToken() == null) {
                    throw new UserError(name + ": empty, expected JSON");
                }
                JsonNode json = JSON.readTree(parser);
                if (parser.nextToken() != null) {
                    var at = parser.currentTokenLocation();
                    throw new UserError(name + ":" + at.getLineNr() + ":" + at.getColumnNr()
                            + ": invalid JSON: unexpected content after the JSON value");
                }
                return json;
            } catch (StreamConstraintsException e) {
                throw JsonLimits.exceeded(e, parser);
            }
        } catch (JsonLimits.Exceeded e) {
            throw new UserError(name + e.place() + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new UserError(JsonErrors.located(name, e));
        } catch (IOException e) {
            throw new UserError(name + ": cannot read: " + e.getMessage());
        }
    }
}
