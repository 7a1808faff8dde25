package io.flowhost.plugin.archive;

import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.StepResult;
import java.io.IOException;
import org.pf4j.Extension;

/** {@code archive.untar}. */
@Extension
public final class UntarAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return Archives.unpackDescriptor("archive.untar", Archives.Format.TAR_GZ);
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        return Archives.unpack(context, Archives.Format.TAR_GZ);
    }
}
