package io.flowhost.plugin.files;

import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.Extension;

/** {@code files.mkdir}. */
@Extension
public final class MkdirAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("files.mkdir")
                .label("Make a folder")
                .summary("Creates a folder and the folders above it; an existing folder is fine")
                .description("Creates 'path' with its parents, inside the allowed roots. The output is the folder's path.")
                .param(ParamSpec.string("path", "The folder to create").asRequired())
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        Path folder = FileRoots.of(context.settings(), "files").resolve(context.params().string("path"));
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            return StepResult.failed("'" + folder + "' exists and is not a folder");
        }
        Files.createDirectories(folder);
        return StepResult.ok(folder.toString());
    }
}
