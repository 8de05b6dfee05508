package dev.hiveauth.it.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hiveauth.protocol.chain.Operation;
import dev.hiveauth.protocol.chain.SignedTransaction;
import dev.hiveauth.protocol.chain.TransactionBuilder;
import dev.hiveauth.protocol.chain.rpc.HiveClient;
import dev.hiveauth.protocol.crypto.PrivateKey;
import java.util.ArrayList;
import java.util.List;

/** What the phone wallets do with approved operations: a transaction on the node's head block, signed, broadcast. */
final class SignAndBroadcast {
    private SignAndBroadcast() {
    }

    /** Signs {@code ops} with {@code key}, broadcasts the transaction and returns its id. */
    static String ops(HiveClient hive, JsonNode ops, PrivateKey key) {
        List<Operation> operations = new ArrayList<>();
        ops.forEach(op -> operations.add(Operation.fromJson(op)));
        SignedTransaction signed = TransactionBuilder.on(hive.getDynamicGlobalProperties().join())
                .addAll(operations).sign(key);
        return hive.broadcastTransaction(signed).join();
    }
}
