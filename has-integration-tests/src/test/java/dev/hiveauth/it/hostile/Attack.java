package dev.hiveauth.it.hostile;

import java.time.Duration;

/** One way to misbehave toward the relay, bounded in time, and the sign in the relay's metrics that it bites. */
interface Attack {
    String name();

    /** Attacks for at most {@code length}; closes every socket it opened before it returns. */
    void run(Duration length) throws Exception;

    /**
     * Whether the relay shows the attack in effect since the window opened (a closure it caused, a buffer it fills):
     * the relay's memory is measured and a login starts then.
     */
    boolean biting(AttackWindow window);

    /** What the attack saw from its side, for the report (e.g. how its sockets were closed). */
    default String outcome() {
        return "";
    }
}
