package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pf4j.Extension;

/** {@code data.sort-items}. */
@Extension
public final class SortItemsAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.sort-items")
                .label("Sort items")
                .summary("Sorts the items by one or more fields")
                .description("""
                        Sorts by 'by', a field or dotted path, or an array of them (the next breaks ties). Numbers \
                        and numeric text compare as numbers, other text by code points; items without the field \
                        come last either way. Stable: equal items keep their order.""")
                .param(ParamSpec.any("by", "A field or dotted path, or an array of them").asRequired())
                .param(ParamSpec.string("order", "asc or desc").withDefault("asc").withAllowed("asc", "desc"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) {
        List<String> fields = context.params().strings("by");
        boolean descending = context.params().string("order").equals("desc");
        Comparator<JsonNode> order = (a, b) -> 0;
        for (String field : fields) {
            order = order.thenComparing((a, b) -> {
                JsonNode x = Json.at(a, field);
                JsonNode y = Json.at(b, field);
                boolean missing = x.isMissingNode() || x.isNull() || y.isMissingNode() || y.isNull();
                int compared = Json.compare(x, y);
                return descending && !missing ? -compared : compared;
            });
        }
        List<JsonNode> items = new ArrayList<>(context.message().items());
        items.sort(order);
        return StepResult.ok().withMessage(context.message().withItems(items));
    }
}
