package io.flowhost.plugin.files;

import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.StepResult;
import java.io.IOException;
import org.pf4j.Extension;

/** {@code files.copy}. */
@Extension
public final class CopyAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return Transfer.descriptor("files.copy", "Copy files", "Copies");
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        return Transfer.run(context, false);
    }
}
