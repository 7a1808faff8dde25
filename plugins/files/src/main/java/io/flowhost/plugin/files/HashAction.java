package io.flowhost.plugin.files;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.pf4j.Extension;

/** {@code files.hash}: a digest of each file, into its node's meta. */
@Extension
public final class HashAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("files.hash")
                .label("Hash files")
                .summary("Computes each file's digest into its node's meta (meta.sha256, meta.md5...)")
                .description("""
                        Reads every node's file (or 'paths') and stores its digest, lowercase hex, in \
                        meta.<algorithm> of its node; folders are skipped. The output maps paths to digests.""")
                .param(ParamSpec.any("paths", "A path or an array of paths; by default the message's nodes"))
                .param(ParamSpec.string("algorithm", "sha256, sha1 or md5").withDefault("sha256").withAllowed("sha256", "sha1", "md5"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException, NoSuchAlgorithmException {
        FileRoots roots = FileRoots.of(context.settings(), "files");
        String algorithm = context.params().string("algorithm");
        String jdkName = switch (algorithm) {
            case "sha1" -> "SHA-1";
            case "md5" -> "MD5";
            default -> "SHA-256";
        };
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        List<Node> nodes = new ArrayList<>();
        byte[] buffer = new byte[64 * 1024];
        for (FileNodes.Target target : FileNodes.targets(context, roots, "paths")) {
            Node node = FileNodes.node(target.path(), target.node());
            if (Files.isDirectory(target.path())) {
                nodes.add(node);
                continue;
            }
            MessageDigest digest = MessageDigest.getInstance(jdkName);
            try (InputStream in = Files.newInputStream(target.path())) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    context.checkCancelled();
                    digest.update(buffer, 0, read);
                }
            }
            String hex = HexFormat.of().formatHex(digest.digest());
            ObjectNode meta = node.meta();
            meta.put(algorithm, hex);
            nodes.add(node.withMeta(meta));
            output.put(target.path().toString(), hex);
        }
        return StepResult.ok(output).withMessage(context.message().withNodes(nodes));
    }
}
