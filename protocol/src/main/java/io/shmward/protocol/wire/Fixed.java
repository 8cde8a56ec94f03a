package io.shmward.protocol.wire;

/** The wire's signed 24.8 fixed-point number. */
public final class Fixed {
    private Fixed() {
    }

    public static double toDouble(int raw) {
        return raw / 256.0;
    }

    public static int fromDouble(double value) {
        return (int) Math.round(value * 256.0);
    }
}
