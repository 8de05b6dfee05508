package dev.hiveauth.pksa.service;

import dev.hiveauth.protocol.chain.Operation;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line describing an operation for a person deciding whether to sign it, e.g.
 * {@code transfer 1.000 HIVE from alice to bob, memo "thanks"}. The common operations read as sentences; any
 * other shows its fields. Text from the application is escaped ({@link TerminalText}).
 */
public final class OperationText {
    private static final int MAX_TEXT = 200;

    private OperationText() {
    }

    /** One line saying what {@code operation} does, for a person to approve. */
    public static String describe(Operation operation) {
        switch (operation.type()) {
            case TRANSFER:
                return "transfer " + operation.asset("amount") + " from " + name(operation, "from") + " to "
                        + name(operation, "to") + memo(operation);
            case TRANSFER_TO_VESTING:
                return "power up " + operation.asset("amount") + " from " + name(operation, "from") + " to "
                        + name(operation, "to");
            case VOTE:
                return vote(operation);
            case COMMENT:
                return comment(operation);
            case CUSTOM_JSON:
                return customJson(operation);
            case DELEGATE_VESTING_SHARES:
                return "delegate " + operation.asset("vesting_shares") + " from " + name(operation, "delegator")
                        + " to " + name(operation, "delegatee");
            case CLAIM_REWARD_BALANCE:
                return "claim rewards for " + name(operation, "account") + ": " + operation.asset("reward_hive") + ", "
                        + operation.asset("reward_hbd") + ", " + operation.asset("reward_vests");
            case ACCOUNT_WITNESS_VOTE:
                return (operation.bool("approve") ? "vote for" : "remove the vote for") + " witness "
                        + name(operation, "witness") + " as " + name(operation, "account");
            default:
                return operation.name() + " " + TerminalText.clean(operation.toJson().get(1).toString(), MAX_TEXT);
        }
    }

    private static String vote(Operation operation) {
        long weight = operation.integer("weight");
        String percent = BigDecimal.valueOf(Math.abs(weight), 2).toPlainString() + " %";
        String what = weight > 0 ? "upvote" : weight < 0 ? "downvote" : "remove the vote on";
        String post = "@" + name(operation, "author") + "/" + name(operation, "permlink");
        return weight == 0 ? what + " " + post + " as " + name(operation, "voter")
                : what + " " + post + " at " + percent + " as " + name(operation, "voter");
    }

    private static String comment(Operation operation) {
        String parent = operation.string("parent_author");
        String where = parent.isEmpty() ? "post in #" + name(operation, "parent_permlink")
                : "reply to @" + name(operation, "parent_author") + "/" + name(operation, "parent_permlink");
        String title = operation.string("title");
        return where + " as @" + name(operation, "author") + "/" + name(operation, "permlink")
                + (title.isEmpty() ? "" : ", title " + TerminalText.quoted(title, MAX_TEXT))
                + ", " + operation.string("body").length() + " characters of text";
    }

    private static String customJson(Operation operation) {
        List<String> active = operation.list("required_auths");
        List<String> posting = operation.list("required_posting_auths");
        String by = !active.isEmpty() ? String.join(", ", active) + " (active authority)"
                : String.join(", ", posting) + " (posting authority)";
        return "custom_json " + TerminalText.quoted(operation.string("id"), MAX_TEXT) + " by " + TerminalText.clean(by, MAX_TEXT)
                + ": " + TerminalText.clean(operation.string("json"), MAX_TEXT);
    }

    private static String memo(Operation operation) {
        String memo = operation.string("memo");
        if (memo.isEmpty()) {
            return "";
        }
        return memo.startsWith("#") ? ", encrypted memo" : ", memo " + TerminalText.quoted(memo, MAX_TEXT);
    }

    private static String name(Operation operation, String field) {
        return TerminalText.clean(operation.string(field), MAX_TEXT);
    }
}
