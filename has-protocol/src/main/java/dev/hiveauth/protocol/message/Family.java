package dev.hiveauth.protocol.message;

/**
 * The three kinds of request an APP makes through the HAS; a reply must be of the same family as the
 * request it answers ({@code auth_ack} answers {@code auth_req}, never {@code sign_req}).
 */
public enum Family {
    AUTH("auth"),
    SIGN("sign"),
    CHALLENGE("challenge");

    private final String prefix;

    Family(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix of the family's commands: {@code "auth"}, {@code "sign"}, {@code "challenge"}. */
    public String prefix() {
        return prefix;
    }

    /** The command of the family with this suffix, e.g. {@code AUTH.cmd("wait")} is {@code "auth_wait"}. */
    public String cmd(String suffix) {
        return prefix + "_" + suffix;
    }
}
