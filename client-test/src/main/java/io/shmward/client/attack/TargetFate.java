package io.shmward.client.attack;

/** What became of the compositor during one scenario. */
public enum TargetFate {
    /** Alive and answering afterwards. */
    ALIVE("alive"),
    /** Gone (process dead, or its socket refuses or does not answer) and not restarted. */
    DIED("DIED"),
    /** Gone, then restarted by the catalogue's restart command. */
    RESTARTED("DIED, restarted"),
    /** Already down before the scenario, which was not run. */
    DOWN("down");

    private final String label;

    TargetFate(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
