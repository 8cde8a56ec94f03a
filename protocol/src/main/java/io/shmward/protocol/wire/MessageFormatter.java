package io.shmward.protocol.wire;

import io.shmward.protocol.spec.ArgSpec;
import io.shmward.protocol.spec.InterfaceSpec;
import java.util.List;
import java.util.Locale;

/**
 * Formats a message the way libwayland's {@code WAYLAND_DEBUG} does, so traces from Shmward and from
 * another compositor can be compared line by line:
 * {@code [1234567.890]  -> wl_callback#2.done(7)}.
 */
public final class MessageFormatter {
    private MessageFormatter() {
    }

    /**
     * @param sent        true for a message this peer sends (printed with {@code " -> "})
     * @param objects     names the interface of object arguments; may not know every id
     * @param microsNow   a wall-clock timestamp in microseconds
     */
    public static String format(Message m, boolean sent, ObjectLookup objects, long microsNow) {
        StringBuilder sb = new StringBuilder(96);
        long millis = microsNow / 1000 % 10_000_000L;
        sb.append(String.format(Locale.ROOT, "[%7d.%03d] ", millis, microsNow % 1000));
        if (sent) {
            sb.append(" -> ");
        }
        sb.append(m.spec().interfaceName()).append('#').append(Integer.toUnsignedString(m.objectId()))
                .append('.').append(m.name()).append('(');
        List<ArgSpec> specs = m.spec().args();
        for (int i = 0; i < specs.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendArg(sb, specs.get(i), m.arg(i), objects);
        }
        return sb.append(')').toString();
    }

    private static void appendArg(StringBuilder sb, ArgSpec arg, Object v, ObjectLookup objects) {
        switch (arg.type()) {
            case INT -> sb.append((int) (Integer) v);
            case UINT -> sb.append(Integer.toUnsignedString((Integer) v));
            case FIXED -> sb.append(String.format(Locale.ROOT, "%f", Fixed.toDouble((Integer) v)));
            case STRING -> sb.append(v == null ? "nil" : "\"" + v + "\"");
            case OBJECT -> {
                int id = (Integer) v;
                if (id == 0) {
                    sb.append("nil");
                } else {
                    InterfaceSpec spec = objects.interfaceOf(id);
                    sb.append(spec == null ? "[unknown]" : spec.name()).append('#').append(Integer.toUnsignedString(id));
                }
            }
            case NEW_ID -> {
                if (v instanceof NewObject n) {
                    sb.append('"').append(n.interfaceName()).append("\", ").append(n.version())
                            .append(", new id [unknown]#").append(Integer.toUnsignedString(n.id()));
                } else {
                    sb.append("new id ").append(arg.interfaceName()).append('#')
                            .append(Integer.toUnsignedString((Integer) v));
                }
            }
            case ARRAY -> sb.append("array[").append(((byte[]) v).length).append(']');
            case FD -> sb.append("fd ").append((int) (Integer) v);
        }
    }
}
