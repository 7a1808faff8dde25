package io.flowhost.plugin.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.pf4j.Extension;

/** {@code files.read}: a file's content as text or Base64, within a size limit. */
@Extension
public final class ReadAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("files.read")
                .label("Read a file")
                .summary("Reads a file into the output (text or Base64) or a variable, up to a size limit")
                .description("""
                        Reads 'path', or else the message's one node. As "text" the content is decoded with \
                        'charset' (malformed input fails the step) into the output's 'string'; as "bytes" it is \
                        Base64 in the output's json {"base64", "size"}. A file larger than 'maxBytes' fails the \
                        step without being read. With 'var' the content goes into that variable instead.""")
                .param(ParamSpec.string("path", "The file; by default the message's single node"))
                .param(ParamSpec.string("as", "\"text\" or \"bytes\" (Base64)").withDefault("text").withAllowed("text", "bytes"))
                .param(ParamSpec.string("charset", "The text's encoding").withDefault("UTF-8"))
                .param(ParamSpec.integer("maxBytes", "The largest file read, in bytes").withDefault(1_048_576))
                .param(ParamSpec.string("var", "Put the content into this variable instead of the output"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        FileRoots roots = FileRoots.of(context.settings(), "files");
        Path file = FileNodes.single(context, roots, "path", "files.read reads one file", "read each node").path();
        long max = context.params().integer("maxBytes");
        long size = Files.size(file);
        if (size > max) {
            return StepResult.failed("'" + file + "' is " + size + " bytes, over maxBytes " + max);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8) + 1);
        }
        if (bytes.length > max) {
            return StepResult.failed("'" + file + "' grew over maxBytes " + max + " while it was read");
        }
        StepResult result;
        Object content;
        if (context.params().string("as").equals("text")) {
            String text = decode(bytes, context.params().string("charset"), file);
            content = text;
            result = StepResult.ok(text);
        } else {
            String base64 = Base64.getEncoder().encodeToString(bytes);
            content = base64;
            result = StepResult.ok(JsonNodeFactory.instance.objectNode().put("base64", base64).put("size", bytes.length));
        }
        if (context.params().has("var")) {
            return StepResult.ok().withMessage(context.message().withVar(context.params().string("var"), content));
        }
        return result;
    }

    private static String decode(byte[] bytes, String charsetName, Path file) {
        Charset charset;
        try {
            charset = Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown charset '" + charsetName + "'");
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("'" + file + "' is not " + charset.name() + " text; read it with as: bytes");
        }
    }
}
