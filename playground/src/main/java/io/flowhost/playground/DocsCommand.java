package io.flowhost.playground;

import io.flowhost.cli.Flowhost;
import io.flowhost.cli.Subcommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowhost docs}: the template helpers, with signature, doc and example. */
@Command(name = "docs", description = "List the template helpers whose name, category or doc matches WORD (all without it).")
public final class DocsCommand implements Callable<Integer>, Subcommand {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "WORD", description = "A word to search for, e.g. date or bytes.")
    String word;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Session.docs(word));
        spec.commandLine().getOut().flush();
        return Flowhost.OK;
    }
}
