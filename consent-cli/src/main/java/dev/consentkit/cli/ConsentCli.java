package dev.consentkit.cli;

import dev.consentkit.jackson.ConsentDocumentException;
import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code consent} command: a demo on a bundled sample, evaluation of NDJSON exports against a
 * policy, policy test suites, and policy validation.
 *
 * <p>Exit codes:
 * <ul>
 *   <li>0: everything was decided, is valid, or passed;
 *   <li>1: failures the command exists to find: items with error records, skipped or unreadable lines
 *       of a members file, failed test cases, a policy whose meaning is wrong;
 *   <li>2: usage and input errors: an unknown option or a malformed value, a file that cannot be read,
 *       a size limit exceeded (a document or line longer than 16 MiB, a line still going at 64 MiB),
 *       input that is not what the option expects;
 *   <li>3: the run stopped before its end for a reason of its own, such as running out of memory; its
 *       output is incomplete;
 *   <li>130: interrupted by Ctrl-C (SIGINT); the output ends on a record boundary;
 *   <li>141: standard output closed early, as by {@code | head -1}: the run ends quietly, with the code
 *       of a process killed by SIGPIPE.
 * </ul>
 * An error is one line on standard error that says what was wrong, where, and how to fix it;
 * {@code --debug} adds the stack trace. Arguments are taken as typed: {@code @FILE} is not expanded
 * into arguments read from a file.
 */
@Command(name = "consent",
        mixinStandardHelpOptions = true,
        versionProvider = ConsentCli.Version.class,
        subcommands = {DemoCommand.class, EvaluateCommand.class, TestCommand.class, ValidateCommand.class,
                HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        description = "Decides whether members' content may train AI models at an instant, explains why, "
                + "and checks training policies.",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./consent demo",
                "  ./consent evaluate --policy examples/linkedin/policy.json \\",
                "      --members examples/linkedin/members.ndjson \\",
                "      --items examples/linkedin/items.ndjson --as-of 2025-11-04",
                "  ./consent test examples/linkedin/suite.json",
                "  ./consent validate examples/linkedin/policy.json",
                "",
                "Exit codes: 0 ok: all decided, valid or passed; 1 failures the command",
                "  exists to find (items with error records, skipped member lines, failed",
                "  cases, a policy whose meaning is wrong); 2 usage or input errors (an",
                "  unreadable file, a size limit exceeded, input not what an option",
                "  expects); 3 stopped early (out of memory); 130 interrupted (Ctrl-C);",
                "  141 standard output closed early (| head). --debug adds stack traces",
                "  to errors."})
public final class ConsentCli implements Callable<Integer> {

    private final Invocation invocation;
    private boolean debug;

    @Spec
    private CommandSpec spec;

    ConsentCli(Invocation invocation) {
        this.invocation = invocation;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "On an error, also print its stack trace.")
    void setDebug(boolean debug) {
        this.debug = debug;
    }

    /** Without a command, shows the usage on standard error: the run is a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(invocation.err());
        return CliException.USAGE;
    }

    /**
     * Runs the tool with the process's standard streams and exits with its exit code. The launcher
     * script {@code ./consent} sets {@code -Dconsent.stderr.terminal} from {@code [ -t 2 ]}, which Java
     * cannot tell by itself.
     *
     * @param args the command and its options, as typed after {@code consent}
     */
    public static void main(String[] args) {
        boolean terminal = Boolean.parseBoolean(
                System.getProperty("consent.stderr.terminal", String.valueOf(consoleIsTerminal())));
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        int code;
        try {
            code = execute(new Invocation(Path.of(""), System.in, stdout, System.err, terminal, true), args);
        } catch (OutOfMemoryError e) {
            System.err.println("consent: stopped: out of memory (" + e.getMessage() + "); the output is incomplete. "
                    + "Give Java more memory, such as JAVA_TOOL_OPTIONS=-Xmx2g, or split the input");
            code = CliException.STOPPED;
        } catch (Throwable e) {
            System.err.println("consent: stopped by an unexpected " + e + "; the output is incomplete. Run it again "
                    + "with --debug and report the output");
            if (Arrays.asList(args).contains("--debug")) {
                e.printStackTrace();
            }
            code = CliException.STOPPED;
        }
        System.exit(code);
    }

    /**
     * Whether the process runs at a terminal, when the launcher does not say. Before JDK 22
     * {@link System#console()} is null unless it does; from JDK 22 on it is never null, and
     * {@code Console.isTerminal()}, new in JDK 22 and so called by reflection here, tells.
     */
    @SuppressWarnings("SystemConsoleNull") // the null test is for JDK 17 to 21; isTerminal() answers from JDK 22 on
    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console));
        } catch (NoSuchMethodException beforeJdk22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Runs the tool as {@code consent args...} would from the current directory, with empty standard
     * input, and returns its exit code.
     *
     * @param args the command and its options, as typed after {@code consent}
     * @param out where the tool's results go, as standard output
     * @param err where the tool's diagnostics go, as standard error
     * @return the exit code: 0 when everything went well, 1 for failures the command exists to
     *     find, 2 for usage and input errors, as the class description lists them
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(Path.of(""), args, out, err);
    }

    /**
     * Runs the tool as {@code consent args...} would from {@code workingDirectory}, against which the
     * relative paths in {@code args} are resolved, with empty standard input, and returns its exit code.
     *
     * @param workingDirectory the directory relative paths in {@code args} are resolved against
     * @param args the command and its options, as typed after {@code consent}
     * @param out where the tool's results go, as standard output
     * @param err where the tool's diagnostics go, as standard error
     * @return the exit code: 0 when everything went well, 1 for failures the command exists to
     *     find, 2 for usage and input errors, as the class description lists them
     */
    public static int run(Path workingDirectory, String[] args, PrintStream out, PrintStream err) {
        return execute(new Invocation(workingDirectory, InputStream.nullInputStream(), out, err, false), args);
    }

    static int execute(Invocation invocation, String[] args) {
        ConsentCli root = new ConsentCli(invocation);
        CommandLine cli = new CommandLine(root, new Factory(invocation))
                .setOut(invocation.out())
                .setErr(invocation.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // An @FILE argument would be replaced by the words of the file, read whole and without any
                // limit (@/dev/zero never ends); arguments are taken as typed instead.
                .setExpandAtFiles(false)
                .setParameterExceptionHandler(root::usageError)
                .setExecutionExceptionHandler(root::failure);
        int code = cli.execute(args);
        try {
            invocation.flush();
        } catch (IOException e) {
            if (RecordOutput.closedPipe(e)) {
                return RecordOutput.CLOSED_PIPE;
            }
            invocation.err().println("consent: cannot write the output: " + e.getMessage()
                    + "; check that standard output goes to a writable file or pipe");
            return CliException.USAGE;
        }
        return code;
    }

    private int usageError(ParameterException e, String[] args) {
        PrintWriter err = invocation.err();
        err.println("consent: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage and examples.");
        if (debug) {
            e.printStackTrace(err);
        }
        return CliException.USAGE;
    }

    private int failure(Exception e, CommandLine command, ParseResult parsed) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message;
        int code = CliException.USAGE;
        if (cause instanceof CliException cliException) {
            message = cause.getMessage();
            code = cliException.exitCode();
        } else if (cause instanceof ConsentDocumentException) {
            message = cause.getMessage();
        } else if (cause instanceof IOException) {
            message = "input or output failed: " + cause.getMessage() + "; check the files and streams given to "
                    + command.getCommandSpec().qualifiedName();
        } else if (cause instanceof IllegalArgumentException) {
            message = cause.getMessage() + "; check the arguments of " + command.getCommandSpec().qualifiedName();
        } else {
            message = "unexpected " + cause + " in " + command.getCommandSpec().qualifiedName()
                    + "; run it again with --debug and report the output";
        }
        if (!message.isEmpty()) {
            invocation.err().println("consent: " + message);
        }
        if (debug) {
            cause.printStackTrace(invocation.err());
        }
        return code;
    }

    /** Creates the commands with the run they belong to. */
    private static final class Factory implements IFactory {

        private final Invocation invocation;

        Factory(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Invocation.class).newInstance(invocation);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** The version this jar was built as, such as {@code consent 0.1.0}. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = ConsentCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"consent " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
