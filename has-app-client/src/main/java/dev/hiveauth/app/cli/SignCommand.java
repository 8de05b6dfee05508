package dev.hiveauth.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hiveauth.app.HasClient;
import dev.hiveauth.app.SignRequest;
import dev.hiveauth.app.SignResult;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.json.JsonSyntax;
import dev.hiveauth.protocol.payload.KeyType;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code has-app sign}: asks the wallet to sign (and broadcast) operations; prints the txid or signed transaction. */
@Command(name = "sign", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ask the wallet that approved a login to sign operations, and to broadcast them unless"
                + " --no-broadcast.",
        footerHeading = "%nResult:%n",
        footer = {"  {\"status\":\"approved\",\"uuid\":…,\"broadcast\":true,\"txid\":…}",
                "  or, with --no-broadcast, {…,\"transaction\":{the signed transaction}}"})
final class SignCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    private HasAppCommand app;

    @Mixin
    private ServerOptions server;

    @Mixin
    private AuthOptions auth;

    @Option(names = "--key-type", required = true, paramLabel = "TYPE", converter = KeyTypeConverter.class,
            description = "The key to sign with: posting or active")
    private KeyType keyType;

    @Option(names = "--ops", required = true, paramLabel = "JSON",
            description = "The operations, a JSON array: [[\"vote\",{\"voter\":…,\"author\":…,\"permlink\":…,\"weight\":10000}]]")
    private String ops;

    @Option(names = "--no-broadcast", description = "Return the signed transaction instead of broadcasting it")
    private boolean noBroadcast;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (keyType == KeyType.MEMO) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key-type must be posting or active");
        }
        JsonNode operations = parseOperations();
        ResultPrinter results = app.results();
        try (WaitingDisplay display = new WaitingDisplay(app.err(), app.clock(), app.colours());
             HasClient client = app.client(server.server, null, display)) {
            SignRequest request = SignRequest.newBuilder(auth.toAuth(server.account)).keyType(keyType)
                    .operations(operations).broadcast(!noBroadcast)
                    .onWait(accepted -> display.showWaiting("Approve the transaction of " + server.account
                            + " in the wallet", accepted.uuid(), accepted.expire()))
                    .build();
            return results.await(client.sign(request), display, SignCommand::json);
        } catch (RuntimeException e) {
            return results.failure(e, null);
        }
    }

    /** The operations, each checked against the chain's schema so a typo fails here, not in the wallet. */
    private JsonNode parseOperations() {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(ops);
        } catch (JsonProcessingException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ops is not JSON: " + JsonSyntax.describe(e));
        }
        if (parsed == null || !parsed.isArray() || parsed.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--ops must be a non-empty JSON array of operations, e.g. [[\"vote\",{...}]]");
        }
        for (JsonNode operation : parsed) {
            try {
                Operation.fromJson(operation);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--ops: " + e.getMessage());
            }
        }
        return parsed;
    }

    private static ObjectNode json(SignResult result) {
        ObjectNode json = ResultPrinter.object();
        if (result.broadcast() != null) {
            json.put("broadcast", result.broadcast());
        }
        if (result.txid() != null) {
            json.put("txid", result.txid());
        } else {
            json.set("transaction", result.signedTransaction());
        }
        return json;
    }
}
