package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.Node;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/** {@code data.items-to-csv}: items become CSV text or a CSV file. */
@Extension
public final class ItemsToCsvAction implements Action {
    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.items-to-csv")
                .label("Items to CSV")
                .summary("Writes the items as CSV, into the output's text or a file")
                .description("""
                        One row per item, in 'columns' (by default every key of the items, in the order first \
                        seen; dotted paths such as owner.name reach into objects). Values are written as text, \
                        objects and arrays as JSON; fields are quoted when they need it. With 'header' the first \
                        row names the columns. With 'to' the CSV is written to that file (inside the allowed \
                        roots; 'exists' decides about an existing one) and the file is appended to the nodes, \
                        else it is the output's text.""")
                .param(ParamSpec.array("columns", "The columns, in order; by default every key of the items"))
                .param(ParamSpec.bool("header", "Whether the first row names the columns").withDefault(true))
                .param(ParamSpec.string("delimiter", "The field separator").withDefault(","))
                .param(ParamSpec.string("to", "A file to write the CSV to"))
                .param(ParamSpec.string("exists", "When the file exists: \"fail\" or \"overwrite\"")
                        .withDefault("fail").withAllowed("fail", "overwrite"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        var params = context.params();
        List<JsonNode> items = context.message().items();
        Set<String> columns = new LinkedHashSet<>();
        if (params.has("columns")) {
            columns.addAll(params.strings("columns"));
        } else {
            items.forEach(item -> item.fieldNames().forEachRemaining(columns::add));
        }
        CsvSchema.Builder schema = CsvSchema.builder()
                .setColumnSeparator(CsvToItemsAction.character(params.string("delimiter"), "delimiter"))
                .setUseHeader(params.bool("header"));
        columns.forEach(schema::addColumn);
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            for (String column : columns) {
                JsonNode value = Json.at(item, column);
                row.put(column, value.isMissingNode() || value.isNull() ? "" : Json.text(value));
            }
        }
        // Quote only what needs it: Jackson's default also quotes any long field, such as a digest.
        String csv = CsvToItemsAction.CSV.writer(schema.build())
                .with(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .writeValueAsString(rows);
        if (!params.has("to")) {
            return StepResult.ok(csv);
        }
        Path file = FileRoots.of(context.settings(), "data").resolve(params.string("to"));
        if (Files.exists(file) && params.string("exists").equals("fail")) {
            return StepResult.failed("'" + file + "' exists; set exists to \"overwrite\"");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        List<Node> nodes = new ArrayList<>(context.message().nodes());
        nodes.add(new Node(file.toString(), file.getFileName().toString(), Files.size(file),
                Files.getLastModifiedTime(file).toInstant(), null));
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("path", file.toString()).put("rows", items.size()))
                .withMessage(context.message().withNodes(nodes));
    }
}
