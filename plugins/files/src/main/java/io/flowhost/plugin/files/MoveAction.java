package io.flowhost.plugin.files;

import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.StepResult;
import java.io.IOException;
import org.pf4j.Extension;

/** {@code files.move}. */
@Extension
public final class MoveAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return Transfer.descriptor("files.move", "Move files", "Moves");
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        return Transfer.run(context, true);
    }
}
