package dev.hiveauth.app.cli;

import dev.hiveauth.app.ChallengeRequest;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code has-app challenge}: asks the wallet to sign (or decrypt) a text with one of the account's keys. */
@Command(name = "challenge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ask the wallet that approved a login to sign a text with one of the account's keys (or,"
                + " with --decrypt, to decrypt a #memo).",
        footerHeading = "%nResult:%n",
        footer = {"  {\"status\":\"approved\",\"uuid\":…,\"pubkey\":…,\"challenge\":…,\"verified\":true|false}",
                "  verified: the signature was made by pubkey over the text (pubkey is not",
                "  checked against the account's keys on chain). With --decrypt, challenge is",
                "  the decrypted text and verified is absent."})
final class ChallengeCommand implements Callable<Integer> {
    @ParentCommand
    private HasAppCommand app;

    @Mixin
    private ServerOptions server;

    @Mixin
    private AuthOptions auth;

    @Option(names = "--key-type", required = true, paramLabel = "TYPE", converter = KeyTypeConverter.class,
            description = "The key to use: posting, active or memo")
    private KeyType keyType;

    @Option(names = "--challenge", required = true, paramLabel = "TEXT", description = "The text to sign (or decrypt)")
    private String challenge;

    @Option(names = "--decrypt", description = "Decrypt the #memo given as --challenge instead of signing it")
    private boolean decrypt;

    @Override
    public Integer call() {
        ResultPrinter results = app.results();
        try (WaitingDisplay display = new WaitingDisplay(app.err(), app.clock(), app.colours());
             HasClient client = app.client(server.server, null, display)) {
            ChallengeRequest request = ChallengeRequest.newBuilder(auth.toAuth(server.account)).keyType(keyType)
                    .text(challenge).decrypt(decrypt)
                    .onWait(accepted -> display.showWaiting("Approve the challenge for " + server.account
                            + " in the wallet", accepted.uuid(), accepted.expire()))
                    .build();
            return results.await(client.challenge(request), display,
                    result -> ResultPrinter.challenge(challenge, result, decrypt));
        } catch (RuntimeException e) {
            return results.failure(e, null);
        }
    }
}
