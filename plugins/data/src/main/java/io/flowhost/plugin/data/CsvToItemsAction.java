package io.flowhost.plugin.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.flowhost.api.FileRoots;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** {@code data.csv-to-items}: CSV rows become items. */
@Extension
public final class CsvToItemsAction implements Action {
    static final CsvMapper CSV = new CsvMapper();

    @Override
    public ActionDescriptor descriptor() {
        return ActionDescriptor.builder("data.csv-to-items")
                .label("CSV to items")
                .summary("Reads CSV (a file or text) into items, one object per row")
                .description("""
                        Reads 'text', else the file 'path', else the message's single node (inside the allowed \
                        roots, plugins.data.roots; at most 'maxBytes'). With 'header' the first row names the \
                        columns and each row becomes an object of strings; without it, 'columns' names them, or \
                        each row becomes an array. 'delimiter' and 'quote' are one character each; quoted fields \
                        may hold delimiters, quotes (doubled) and line breaks. The output is {"count": rows}.""")
                .param(ParamSpec.string("path", "The CSV file; by default the message's single node"))
                .param(ParamSpec.string("text", "CSV text, instead of a file"))
                .param(ParamSpec.bool("header", "Whether the first row names the columns").withDefault(true))
                .param(ParamSpec.array("columns", "Column names, for CSV without a header row"))
                .param(ParamSpec.string("delimiter", "The field separator").withDefault(","))
                .param(ParamSpec.string("quote", "The quote character").withDefault("\""))
                .param(ParamSpec.integer("maxBytes", "The largest file read").withDefault(10L * 1024 * 1024))
                .param(ParamSpec.string("mode", "\"replace\" the message's items, or \"append\" to them")
                        .withDefault("replace").withAllowed("replace", "append"))
                .build();
    }

    @Override
    public StepResult run(ActionContext context) throws IOException {
        var params = context.params();
        String text;
        if (params.has("text")) {
            text = params.string("text");
        } else {
            String where = params.has("path") ? params.string("path")
                    : context.message().nodes().size() == 1 ? context.message().nodes().get(0).path() : null;
            if (where == null) {
                throw new IllegalArgumentException("give 'text' or 'path', or a message with one node: it has "
                        + context.message().nodes().size());
            }
            Path file = FileRoots.of(context.settings(), "data").resolve(where);
            long size = Files.size(file);
            if (size > params.integer("maxBytes")) {
                return StepResult.failed("'" + file + "' is " + size + " bytes, over maxBytes " + params.integer("maxBytes"));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        CsvSchema schema = CsvSchema.emptySchema()
                .withColumnSeparator(character(params.string("delimiter"), "delimiter"))
                .withQuoteChar(character(params.string("quote"), "quote"));
        boolean arrays = false;
        if (params.bool("header")) {
            schema = schema.withHeader();
        } else if (params.has("columns")) {
            CsvSchema.Builder builder = CsvSchema.builder()
                    .setColumnSeparator(schema.getColumnSeparator())
                    .setQuoteChar((char) schema.getQuoteChar());
            params.strings("columns").forEach(builder::addColumn);
            schema = builder.build();
        } else {
            arrays = true;
        }
        List<JsonNode> rows = new ArrayList<>();
        var reader = CSV.readerFor(JsonNode.class).with(schema);
        if (arrays) {
            reader = reader.with(CsvParser.Feature.WRAP_AS_ARRAY);
        }
        try (MappingIterator<JsonNode> iterator = reader.readValues(text)) {
            while (iterator.hasNext()) {
                context.checkCancelled();
                rows.add(iterator.next());
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not CSV: " + e.getMessage(), e);
        }
        List<JsonNode> items = new ArrayList<>();
        if (params.string("mode").equals("append")) {
            items.addAll(context.message().items());
        }
        items.addAll(rows);
        return StepResult.ok(JsonNodeFactory.instance.objectNode().put("count", rows.size()))
                .withMessage(context.message().withItems(items));
    }

    static char character(String text, String name) {
        String value = text.equals("\\t") ? "\t" : text;
        if (value.length() != 1) {
            throw new IllegalArgumentException("'" + name + "' must be one character, not '" + text + "'");
        }
        return value.charAt(0);
    }
}
