package io.flowhost.plugin.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.FileRoots;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.Extension;

/** {@code core.artifact}: attaches a file or a JSON value to the task, as Cells' scheduler keeps task artifacts. */
@Extension
public final class ArtifactAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("core.artifact")
                .label("Attach an artifact")
                .summary("Attaches a file or a JSON value to the task, under a name, for its report")
                .description("""
                        Attaches 'json' (any value) or a copy of 'file' to the task under 'name' (a file name, \
                        unique within the task). The task's report lists its artifacts; a file is copied at once \
                        into the host's artifacts folder (dataDir/artifacts/TASK of the host configuration), so \
                        it outlives scratch folders and later steps. 'file' must be inside plugins.core.roots \
                        (by default the working folder). The message passes on unchanged.""")
                .param(ParamSpec.string("name", "The artifact's name, e.g. report.csv").asRequired())
                .param(ParamSpec.any("json", "A JSON value to attach"))
                .param(ParamSpec.string("file", "A file to attach a copy of"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        var params = context.params();
        if (params.has("json") == params.has("file")) {
            throw new IllegalArgumentException("give either 'json' or 'file', not " + (params.has("json") ? "both" : "neither"));
        }
        String name = params.string("name");
        if (params.has("json")) {
            context.attach(name, params.json("json").orElseThrow());
            return StepResult.ok(JsonNodeFactory.instance.objectNode().put("name", name));
        }
        Path file = FileRoots.of(context.settings(), "core").resolve(params.string("file"));
        if (!Files.isRegularFile(file)) {
            return StepResult.failed("'" + file + "' is not a file");
        }
        context.attach(name, file);
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("name", name).put("size", Files.size(file)));
    }
}
