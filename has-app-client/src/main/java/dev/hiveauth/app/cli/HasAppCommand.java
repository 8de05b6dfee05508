package dev.hiveauth.app.cli;

import dev.hiveauth.app.HasClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code has-app}: logs a Hive account in through a HAS, or asks its wallet to sign a transaction or a
 * challenge, from a shell. It shows what the user needs on stderr while it waits and prints one JSON result
 * on stdout; the exit code is 0 when the wallet approved, 1 when it refused, 2 otherwise.
 */
@Command(name = "has-app", mixinStandardHelpOptions = true, versionProvider = HasAppCommand.Version.class,
        subcommands = {LoginCommand.class, SignCommand.class, ChallengeCommand.class},
        description = "A HiveAuth application client: authenticate a Hive account, or have its wallet sign a"
                + " transaction or a challenge, through a HAS. Progress goes to stderr, one JSON result to stdout.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the wallet approved", "1:the wallet refused", "2:error, expiry, or invalid usage"})
public final class HasAppCommand implements Runnable {
    static final int APPROVED = 0;
    static final int REFUSED = 1;
    static final int ERROR = 2;

    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean colours;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    HasAppCommand(Clock clock, PrintStream out, PrintStream err, boolean colours) {
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.colours = colours;
    }

    /** Runs {@code has-app} with {@code args} and exits with its status: 0 approved, 1 refused, 2 error or expired. */
    public static void main(String[] args) {
        // log warnings to stderr only (logback's default is everything to stdout, where the result goes); the
        // file is named so it is not picked up by applications that embed the library
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/hiveauth/app/cli/has-app-logback.xml");
        }
        // the JSON result is for programs: keep stdout free of anything else, whatever the platform charset
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        // https://no-color.org: the QR code's forced colours are left out when NO_COLOR is set
        boolean colours = System.getenv("NO_COLOR") == null;
        System.exit(run(args, Clock.systemUTC(), out, err, colours));
    }

    /** Runs one command line in-process; returns the exit code. */
    static int run(String[] args, Clock clock, PrintStream out, PrintStream err, boolean colours) {
        HasAppCommand command = new HasAppCommand(clock, out, err, colours);
        CommandLine line = new CommandLine(command);
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(err, true));
        line.setParameterExceptionHandler((failure, arguments) -> {
            CommandLine failed = failure.getCommandLine();
            failed.getErr().println(failure.getMessage());
            failed.usage(failed.getErr());
            command.results().error(failure.getMessage());
            return ERROR;
        });
        return line.execute(args);
    }

    /** Without a subcommand: the usage, as an error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: login, sign or challenge");
    }

    Clock clock() {
        return clock;
    }

    PrintStream err() {
        return err;
    }

    boolean colours() {
        return colours;
    }

    ResultPrinter results() {
        return new ResultPrinter(out);
    }

    /** A client for {@code server}, on this command's clock, telling {@code display} when its connection drops. */
    HasClient client(String server, String authKeySecret, WaitingDisplay display) {
        HasClient.Builder builder = HasClient.builder().server(server).clock(clock).listener(display);
        if (authKeySecret != null) {
            builder.authKeySecret(authKeySecret);
        }
        return builder.build();
    }

    /** {@code --version}: the jar's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HasAppCommand.class.getPackage().getImplementationVersion();
            return new String[] {"has-app " + (version == null ? "(development build)" : version)};
        }
    }
}
