package io.shmward.server.core;

/**
 * A server-wide budget of one resource, shared by every client (pool bytes, pool files, surface content,
 * objects). Per-client limits bound each client; these bound the sum, so that many honest clients, or many
 * connections of one attacker, cannot together take what the process has. The client whose request would
 * pass the budget gets {@code no_memory}; everyone else goes on. Owned by the event loop.
 */
public final class SharedBudget {
    private final String name;
    private final long limit;
    private long used;

    /** A budget of {@code limit} units of {@code name} ("pool bytes", say). */
    public SharedBudget(String name, long limit) {
        this.name = name;
        this.limit = limit;
    }

    /** Takes {@code more} units, or refuses the whole request with no_memory (limit-exceeded). */
    public void admit(long more) throws ProtocolError {
        check(more);
        used += more;
    }

    /** Refuses with no_memory when {@code more} units would not fit; takes nothing either way. */
    public void check(long more) throws ProtocolError {
        if (used + more > limit) {
            throw ProtocolError.limitExceeded("share of the server-wide " + name + " limit of " + limit
                    + " (all clients together)");
        }
    }

    /** Counts {@code delta} units taken (or given back, when negative) whose admission was decided elsewhere. */
    public void count(long delta) {
        used += delta;
    }

    /** Takes {@code more} units if they fit; false, taking nothing, if they do not. */
    public boolean tryAdmit(long more) {
        if (used + more > limit) {
            return false;
        }
        used += more;
        return true;
    }

    /** Gives back {@code fewer} units. */
    public void release(long fewer) {
        used -= fewer;
    }

    public long used() {
        return used;
    }

    public long limit() {
        return limit;
    }
}
