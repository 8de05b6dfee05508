package dev.hiveauth.protocol.chain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whose signatures an operation or transaction needs, as hived's {@code get_required_*_authorities}
 * computes it: accounts whose owner, active or posting authority must be satisfied, plus literal
 * authorities for the special cases (recover_account's new and recent owner authorities, the block
 * signing key of witness_set_properties, custom_binary's required_auths).
 */
public record RequiredAuthorities(Set<String> owner, Set<String> active, Set<String> posting, List<Authority> other) {
    /** No authority at all (what report_over_production needs). */
    public static final RequiredAuthorities NONE = new RequiredAuthorities(Set.of(), Set.of(), Set.of(), List.of());

    /** Keeps the accounts sorted as the chain sorts them, and unmodifiable copies. */
    public RequiredAuthorities {
        owner = sorted(owner);
        active = sorted(active);
        posting = sorted(posting);
        other = List.copyOf(other);
    }

    private static SortedSet<String> sorted(Collection<String> names) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }

    /** Both sets of requirements together (a transaction needs those of all its operations). */
    public RequiredAuthorities plus(RequiredAuthorities more) {
        Builder builder = new Builder();
        builder.addAll(this);
        builder.addAll(more);
        return builder.build();
    }

    /** True when no authority is required. */
    public boolean isEmpty() {
        return owner.isEmpty() && active.isEmpty() && posting.isEmpty() && other.isEmpty();
    }

    /**
     * True if only posting authorities are needed: what a posting key may sign. False as soon as any
     * owner, active or literal authority is involved (and for the degenerate case of no requirement).
     */
    public boolean isPostingOnly() {
        return !posting.isEmpty() && owner.isEmpty() && active.isEmpty() && other.isEmpty();
    }

    /** Collects requirements while the operation schema walks an operation. */
    static final class Builder {
        private final Set<String> owner = new TreeSet<>();
        private final Set<String> active = new TreeSet<>();
        private final Set<String> posting = new TreeSet<>();
        private final List<Authority> other = new ArrayList<>();

        Builder owner(Collection<String> names) {
            owner.addAll(names);
            return this;
        }

        Builder active(Collection<String> names) {
            active.addAll(names);
            return this;
        }

        Builder posting(Collection<String> names) {
            posting.addAll(names);
            return this;
        }

        Builder other(Authority authority) {
            other.add(authority);
            return this;
        }

        void addAll(RequiredAuthorities required) {
            owner.addAll(required.owner());
            active.addAll(required.active());
            posting.addAll(required.posting());
            other.addAll(required.other());
        }

        RequiredAuthorities build() {
            return new RequiredAuthorities(owner, active, posting, other);
        }
    }
}
