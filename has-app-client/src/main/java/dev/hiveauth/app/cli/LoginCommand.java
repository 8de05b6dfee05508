package dev.hiveauth.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.app.Auth;
import dev.hiveauth.app.AuthRequest;
import dev.hiveauth.app.AuthResult;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.protocol.payload.AuthReqData;
import dev.hiveauth.protocol.payload.KeyType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code has-app login}: authenticates an account and prints the auth to keep (auth_key, expire, token). */
@Command(name = "login", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Authenticate a Hive account: show a has:// link (and QR code) for the user's wallet, wait"
                + " for its approval, and print the authentication to keep.",
        footerHeading = "%nResult:%n",
        footer = {"  {\"status\":\"approved\",\"uuid\":…,\"account\":…,\"auth_key\":…,\"expire\":…",
                "   [,\"token\":…][,\"challenge\":{\"pubkey\":…,\"challenge\":…,\"verified\":true|false}]}",
                "  Keep auth_key, expire and token for sign and challenge (--auth-key, --auth-expire, --token)."})
final class LoginCommand implements Callable<Integer> {
    @ParentCommand
    private HasAppCommand app;

    @Mixin
    private ServerOptions server;

    @Option(names = "--app-name", paramLabel = "NAME", defaultValue = "has-app",
            description = "The application name the wallet shows (default: ${DEFAULT-VALUE})")
    private String appName;

    @Option(names = "--app-description", paramLabel = "TEXT", description = "A description the wallet shows")
    private String appDescription;

    @Option(names = "--app-icon", paramLabel = "URL", description = "The URL of an icon the wallet shows")
    private String appIcon;

    @Option(names = "--challenge", paramLabel = "TEXT",
            description = "A text for the wallet to sign with the login (result: \"challenge\")")
    private String challenge;

    @Option(names = "--challenge-key-type", paramLabel = "TYPE", converter = KeyTypeConverter.class,
            description = "The key that signs the challenge: posting (default), active or memo")
    private KeyType challengeKeyType;

    @Option(names = "--auth-key-secret", paramLabel = "SECRET",
            description = "Service mode: the secret shared with a PKSA without a screen (its auth_req_secret)")
    private String authKeySecret;

    @Option(names = "--qr", description = "Also draw the QR code in the terminal")
    private boolean qr;

    @Option(names = "--qr-png", paramLabel = "FILE", description = "Also write the QR code to a PNG file")
    private Path qrPng;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (challengeKeyType != null && challenge == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--challenge-key-type needs --challenge");
        }
        ResultPrinter results = app.results();
        try (WaitingDisplay display = new WaitingDisplay(app.err(), app.clock(), app.colours());
             HasClient client = app.client(server.server, authKeySecret, display)) {
            AuthRequest.Builder request = AuthRequest.newBuilder(server.account)
                    .app(new AuthReqData.App(appName, appDescription, appIcon))
                    .onWait(prompt -> display.showLogin(prompt, server.account, qr, qrPng));
            if (challenge != null) {
                request.challenge(challengeKeyType == null ? KeyType.POSTING : challengeKeyType, challenge);
            }
            AuthRequest login = request.build();
            return results.await(client.authenticate(login), display, result -> json(result, login.challenge()));
        } catch (RuntimeException e) {
            return results.failure(e, null);
        }
    }

    private static ObjectNode json(AuthResult result, AuthReqData.Challenge asked) {
        Auth auth = result.auth();
        ObjectNode json = ResultPrinter.object();
        json.put("account", auth.account());
        json.put("auth_key", auth.authKey());
        json.put("expire", auth.expire());
        if (auth.token() != null) {
            json.put("token", auth.token());
        }
        if (result.challenge() != null && asked != null) {
            json.set("challenge", ResultPrinter.challenge(asked.challenge(), result.challenge(), false));
        }
        return json;
    }
}
