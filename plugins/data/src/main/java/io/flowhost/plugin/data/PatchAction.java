package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import org.pf4j.Extension;

/** {@code data.patch}: JSON Patch, RFC 6902 (zjsonpatch). */
@Extension
public final class PatchAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.patch")
                .label("JSON Patch")
                .summary("Applies a JSON Patch (RFC 6902) to 'target'; the result is the output's json")
                .description("""
                        'patch' is an array of operations: add, remove, replace, move, copy and test, each with \
                        a JSON pointer 'path' ({"op": "replace", "path": "/price", "value": 12}). A failing test \
                        or a path that does not exist fails the step, naming the operation; the target is never \
                        half-patched. With 'var' the result goes into that variable instead of the output.""")
                .param(ParamSpec.any("target", "The JSON to patch").asRequired())
                .param(ParamSpec.array("patch", "The operations").asRequired())
                .param(ParamSpec.string("var", "Put the result into this variable instead of the output"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        JsonNode patch = context.params().json("patch").orElseThrow();
        JsonNode target = context.params().json("target").orElseThrow();
        JsonNode patched;
        try {
            patched = JsonPatch.apply(patch, target);
        } catch (JsonPatchApplicationException e) {
            return StepResult.failed("JSON Patch: " + e.getMessage());
        }
        return Json.result(context, patched, context.message());
    }
}
