package dev.hiveauth.pksa.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The service-mode PKSA program: {@code java -jar has-pksa.jar --config storage.json}. Exit codes: 0 after
 * {@code --help}, 1 when the configuration cannot be used, 2 for a bad command line, 3 when the relay speaks a
 * newer protocol.
 */
@Command(name = "has-pksa", sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "A HiveAuth wallet (PKSA) in service mode: connects to the relay named in the storage file, registers "
                    + "its accounts and answers authentication, signing and challenge requests.",
            "Reads the Node reference PKSA's storage.json and keys.json unchanged; see has-pksa/README.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:--help, or stopped",
            "1:the configuration cannot be used",
            "2:bad command line",
            "3:the relay speaks a newer HAS protocol"})
public final class HasPksaCommand implements Callable<Integer> {
    static final int CONFIG_ERROR = 1;
    static final int USAGE_ERROR = 2;
    static final int PROTOCOL_DECLINED = 3;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "storage.json",
            description = "the storage file: settings, accounts and their authentications (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--interactive",
            description = "ask on this terminal before approving any request (y/n), instead of the storage file's "
                    + "automatic answers")
    boolean interactive;

    @Option(names = "--approval-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "with --interactive: how long to wait for an answer (default: ${DEFAULT-VALUE}); never "
                    + "past the request's own expiry")
    long approvalTimeoutSeconds;

    @Option(names = {"-v", "--verbose"}, description = "log every frame exchanged with the relay")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    private InputStream in = System.in;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Runs the service-mode wallet with the options of {@code args}, and exits with its status. */
    public static void main(String[] args) {
        // the program's logging; the library ships no logback.xml of its own, which would configure its users' logging
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/hiveauth/pksa/cli/logback.xml");
        }
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the program; returns its exit code (normally only after the relay declined, or on an error). */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        HasPksaCommand command = new HasPksaCommand();
        command.in = in;
        command.out = out;
        command.err = err;
        CommandLine line = new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((e, arguments) -> {
                    e.getCommandLine().getErr().println("has-pksa: " + e.getMessage());
                    e.getCommandLine().getErr().println("Try 'has-pksa --help'.");
                    return USAGE_ERROR;
                });
        return line.execute(args);
    }

    @Override
    public Integer call() {
        if (approvalTimeoutSeconds <= 0) {
            err.println("has-pksa: --approval-timeout must be a positive number of seconds");
            return USAGE_ERROR;
        }
        if (verbose) {
            // read by logback.xml; set before the first logger is created
            System.setProperty("has.pksa.frames.level", "DEBUG");
        }
        return ServiceLauncher.run(config, interactive, approvalTimeoutSeconds, in, out, err);
    }
}
