package dev.hiveauth.pksa;

import java.net.URI;
import java.util.Map;

/**
 * The relay refused to register some accounts on the first attempt, each with its reason. The wallet keeps
 * trying in the background (sooner for a passing reason such as the relay being unable to reach the chain).
 */
public final class RegistrationRefusedException extends PksaException {
    private static final long serialVersionUID = 1L;

    /** Why each refused account was refused, by account. */
    private final Map<String, String> reasons;

    RegistrationRefusedException(URI relay, Map<String, String> reasons) {
        super(relay + " did not register " + describe(reasons) + "; the wallet tries again by itself");
        this.reasons = Map.copyOf(reasons);
    }

    /** Each refused account and the relay's reason. */
    public Map<String, String> reasons() {
        return reasons;
    }

    private static String describe(Map<String, String> reasons) {
        StringBuilder text = new StringBuilder();
        reasons.forEach((account, reason) -> text.append(text.length() == 0 ? "" : "; ")
                .append(account).append(" (").append(reason).append(')'));
        return text.toString();
    }
}
