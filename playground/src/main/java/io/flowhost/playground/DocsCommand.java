package io.flowhost.playground;

import io.flowhost.cli.Flowhost;
import io.flowhost.cli.Subcommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowhost docs}: the template scope, helpers and JavaScript built-ins, with signature, doc and example. */
@Command(name = "docs", description = {
    "What templates and scripts can use: the scope names, the helpers and common JavaScript built-ins.",
    "WORD is a category (scope, text, dates, Array, String...) or a word to search for; all without it."})
public final class DocsCommand implements Callable<Integer>, Subcommand {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "WORD", description = "A category or a word, e.g. dates, Array or bytes.")
    String word;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Docs.show(word));
        spec.commandLine().getOut().flush();
        return Flowhost.OK;
    }
}
