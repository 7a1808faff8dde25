package io.flowhost.playground;

import io.flowhost.api.Message;
import io.flowhost.cli.Inputs;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The sample message of {@code eval} and {@code playground}: a message file and files as nodes. */
final class MessageOptions {
    @Option(names = {"-m", "--message"}, paramLabel = "FILE", description = "The sample message, a JSON file (- for stdin with eval).")
    String message;

    @Option(names = {"-n", "--node"}, paramLabel = "PATH", description = "Add a file as a node; repeatable.")
    List<Path> nodes;

    Message read(InputStream stdin) {
        return Inputs.message(message, nodes, stdin);
    }
}
