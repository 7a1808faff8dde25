package io.flowhost.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.flowhost.plugins.HostVersion;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code flowhost}: the command line of the host.
 *
 * <p>Exit codes: 0 success; 1 the task ran and failed (for {@code run}); 2 it could not start: a
 * usage error, an invalid job, a missing or malformed file; 3 an unexpected internal error; 130 and
 * 143 {@code run} was cancelled by SIGINT (Ctrl+C) or SIGTERM (128 + the signal's number).
 *
 * <p>{@code -h/--help}, {@code -V/--version} and {@code -v/--verbose} belong to every command
 * ({@code scope = INHERIT}), so they are accepted before or after any subcommand, and every usage
 * error's "Try 'flowhost eval --help'" works as it says.
 */
@Command(
        name = "flowhost",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = Flowhost.Version.class,
        description = "A scriptable automation host: runs jobs whose steps come from plugin jars.",
        subcommands = {
            RunCommand.class,
            ServeCommand.class,
            TasksCommand.class,
            LogsCommand.class,
            RerunCommand.class,
            CancelCommand.class,
            ValidateCommand.class,
            SchemaCommand.class,
            ActionsCommand.class,
            PluginsCommand.class,
            NewPluginCommand.class,
            ConfigCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the task ran and failed",
            "2:could not start (usage, invalid job, missing or malformed file)",
            "3:internal error",
            "130:run was cancelled by Ctrl+C (SIGINT)",
            "143:run was cancelled by SIGTERM (serve exits 0 when stopped)"
        })
public final class Flowhost {
    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: the task ran and failed (or, for {@code eval}, the expression failed). */
    public static final int TASK_FAILED = 1;
    /** Exit code: it could not start: usage, invalid input, missing or malformed file. */
    public static final int CANNOT_START = 2;
    /** Exit code: an unexpected internal error. */
    public static final int INTERNAL_ERROR = 3;

    private boolean verbose;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print stack traces (internal failures, plugins that did not load, failed evaluations) and diagnostic logs.")
    void verbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
            ((Logger) LoggerFactory.getLogger("org.pf4j")).setLevel(Level.INFO);
        }
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line, configured as {@code main} runs it; tests call this with their own streams */
    public static CommandLine commandLine() {
        CommandLine commandLine;
        Version.BUILDING.set(true);
        try {
            commandLine = new CommandLine(new Flowhost());
            for (Subcommand subcommand : java.util.ServiceLoader.load(Subcommand.class)) {
                commandLine.addSubcommand(subcommand);
            }
        } finally {
            Version.BUILDING.remove();
        }
        commandLine.setExecutionExceptionHandler(new Errors());
        commandLine.setParameterExceptionHandler(Errors::usage);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // '@FILE' is ours (eval reads a template from a file), not picocli's argument files
        commandLine.setExpandAtFiles(false);
        return commandLine;
    }

    /**
     * Whether {@code -v/--verbose} was given, before or after the subcommand.
     *
     * @param spec any command of a {@link #commandLine()}
     * @return whether failures should come with their stack trace
     */
    public static boolean verbose(CommandSpec spec) {
        return spec.root().userObject() instanceof Flowhost flowhost && flowhost.verbose;
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        /**
         * Set while the command line is built: picocli asks every subcommand for its version then, and
         * describing the JavaScript engine starts it, which only {@code --version} needs.
         */
        static final ThreadLocal<Boolean> BUILDING = ThreadLocal.withInitial(() -> false);

        @Override
        public String[] getVersion() {
            if (BUILDING.get()) {
                return new String[] {"flowhost " + HostVersion.hostVersion()};
            }
            return new String[] {
                "flowhost " + HostVersion.hostVersion(),
                "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "JavaScript: " + io.flowhost.script.JsExpressions.engineDescription()
            };
        }
    }
}
