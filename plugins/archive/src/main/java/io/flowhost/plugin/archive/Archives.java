package io.flowhost.plugin.archive;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.FileRoots;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Packing and unpacking for the four actions, zip and tar.gz alike. */
final class Archives {
    enum Format {
        ZIP("zip"), TAR_GZ("tar.gz");

        final String label;

        Format(String label) {
            this.label = label;
        }
    }

    private Archives() {}

    static ActionDescriptor packDescriptor(String id, Format format) {
        return ActionDescriptor.builder(id)
                .label("Pack a " + format.label + " archive")
                .summary("Packs files and folders into a " + format.label + " archive; the archive becomes the nodes")
                .description("""
                        Packs 'paths', or else every node of the message, into the archive 'to' (its folder is \
                        created). A folder is packed with what it holds. Entries are named relative to 'base' \
                        when given (every file must be inside it), else by each file's own name (a folder's files \
                        under the folder's name). An existing archive fails the step unless 'overwrite'. All \
                        paths must be inside the allowed roots (plugins.archive.roots). The output is \
                        {"path", "entries", "size"}.""")
                .param(ParamSpec.any("paths", "A path or an array of paths; by default the message's nodes"))
                .param(ParamSpec.string("to", "The archive to write, e.g. backup-{{ formatDate(now(), 'yyyy-MM-dd') }}." + format.label)
                        .asRequired())
                .param(ParamSpec.string("base", "The folder entry names are relative to"))
                .param(ParamSpec.bool("overwrite", "Replace an existing archive").withDefault(false))
                .build();
    }

    static ActionDescriptor unpackDescriptor(String id, Format format) {
        ActionDescriptor.Builder builder = ActionDescriptor.builder(id)
                .label("Unpack a " + format.label + " archive")
                .summary("Unpacks a " + format.label + " archive into a folder, within limits against archive bombs")
                .description("""
                        Unpacks 'path', or else the message's single node, into the folder 'to'. An entry whose \
                        name would land outside 'to' ('../x', '/etc/x': zip-slip) refuses the whole archive. So \
                        does an archive that unpacks to more than 'maxEntries' entries or 'maxBytes' bytes, or \
                        an entry that grows over 'maxRatio' times the archive's size: counted on the bytes \
                        written, and what was written is removed. Existing files fail the step unless \
                        'overwrite'. The unpacked files become the nodes; the output is {"entries", "bytes"}.""")
                .param(ParamSpec.string("path", "The archive; by default the message's single node"))
                .param(ParamSpec.string("to", "The folder to unpack into").asRequired())
                .param(ParamSpec.bool("overwrite", "Replace existing files").withDefault(false));
        Limits.PARAMS.forEach(builder::param);
        return builder.build();
    }

    static StepResult pack(ActionContext context, Format format) throws IOException {
        FileRoots roots = FileRoots.of(context.settings(), "archive");
        Path archive = roots.resolve(context.params().string("to"));
        if (Files.exists(archive) && !context.params().bool("overwrite")) {
            return StepResult.failed("'" + archive + "' exists; set overwrite to replace it");
        }
        Path base = context.params().optionalString("base").map(roots::resolve).orElse(null);
        Map<String, Path> entries = new TreeMap<>();
        for (Path source : sources(context, roots)) {
            if (!Files.exists(source)) {
                return StepResult.failed("'" + source + "' does not exist");
            }
            Path relativeTo = base != null ? base : source.getParent();
            if (!source.startsWith(relativeTo)) {
                return StepResult.failed("'" + source + "' is not inside base '" + base + "'");
            }
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path file : tree.filter(Files::isRegularFile).toList()) {
                    if (!file.equals(archive)) {
                        entries.put(relativeTo.relativize(file).toString().replace('\\', '/'), file);
                    }
                }
            }
        }
        Files.createDirectories(archive.getParent());
        try (OutputStream file = Files.newOutputStream(archive);
                ArchiveOutputStream<? extends ArchiveEntry> out = open(file, format)) {
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                context.checkCancelled();
                write(out, entry.getKey(), entry.getValue(), format);
            }
            out.finish();
        }
        Node node = node(archive);
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("path", archive.toString())
                        .put("entries", entries.size()).put("size", Files.size(archive)))
                .withMessage(context.message().withNodes(List.of(node)));
    }

    @SuppressWarnings("unchecked")
    private static <E extends ArchiveEntry> void write(ArchiveOutputStream<E> out, String name, Path file, Format format)
            throws IOException {
        E entry;
        if (format == Format.ZIP) {
            ZipArchiveEntry zip = new ZipArchiveEntry(file, name);
            entry = (E) zip;
        } else {
            TarArchiveEntry tar = new TarArchiveEntry(file, name);
            entry = (E) tar;
        }
        out.putArchiveEntry(entry);
        Files.copy(file, out);
        out.closeArchiveEntry();
    }

    private static ArchiveOutputStream<? extends ArchiveEntry> open(OutputStream file, Format format) throws IOException {
        if (format == Format.ZIP) {
            return new ZipArchiveOutputStream(file);
        }
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    static StepResult unpack(ActionContext context, Format format) throws IOException {
        FileRoots roots = FileRoots.of(context.settings(), "archive");
        Path archive;
        if (context.params().has("path")) {
            archive = roots.resolve(context.params().string("path"));
        } else if (context.message().nodes().size() == 1) {
            archive = roots.resolve(context.message().nodes().get(0).path());
        } else {
            throw new IllegalArgumentException("give 'path', or a message with one node: it has "
                    + context.message().nodes().size());
        }
        Path folder = roots.resolve(context.params().string("to"));
        boolean overwrite = context.params().bool("overwrite");
        Limits limits = new Limits(context, archive);
        String name = archive.getFileName().toString();
        List<Path> written = new ArrayList<>();
        long bytes = 0;
        int count = 0;
        Files.createDirectories(folder);
        try (InputStream file = Files.newInputStream(archive);
                ArchiveInputStream<? extends ArchiveEntry> in = format == Format.ZIP
                        ? new ZipArchiveInputStream(file)
                        : new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (ArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                context.checkCancelled();
                limits.entry(entry.getName());
                Path target = Limits.destination(folder, entry.getName(), name);
                roots.resolve(target.toString());
                if (entry instanceof TarArchiveEntry tar && !tar.isFile() && !tar.isDirectory()) {
                    throw new IllegalArgumentException("'" + name + "' is refused: its entry '" + entry.getName()
                            + "' is a link or a device, which are not unpacked");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                if (Files.exists(target) && !overwrite) {
                    throw new IllegalArgumentException("'" + target + "' exists; set overwrite to replace it");
                }
                Files.createDirectories(target.getParent());
                written.add(target);
                try (OutputStream out = Files.newOutputStream(target)) {
                    bytes += limits.copy(entry.getName(), in, out);
                }
                if (entry.getLastModifiedDate() != null) {
                    Files.setLastModifiedTime(target, FileTime.from(entry.getLastModifiedDate().toInstant()));
                }
                count++;
            }
        } catch (IOException | RuntimeException e) {
            for (Path file : written.reversed()) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        List<Node> nodes = new ArrayList<>();
        written.stream().sorted(Comparator.naturalOrder()).forEach(file -> nodes.add(node(file)));
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("entries", count).put("bytes", bytes))
                .withMessage(context.message().withNodes(nodes));
    }

    private static List<Path> sources(ActionContext context, FileRoots roots) {
        List<Path> sources = new ArrayList<>();
        if (context.params().has("paths")) {
            context.params().strings("paths").forEach(path -> sources.add(roots.resolve(path)));
        } else {
            context.message().nodes().forEach(node -> sources.add(roots.resolve(node.path())));
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("nothing to pack: give 'paths' or nodes in the message");
        }
        return sources;
    }

    static Node node(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            return new Node(file.toString(), file.getFileName().toString(), attrs.size(),
                    attrs.lastModifiedTime().toInstant(), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
