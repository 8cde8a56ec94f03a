package io.shmward.protocol.spec;

import java.util.List;

/**
 * A request or an event of one interface.
 *
 * @param interfaceName the interface that owns the message
 * @param opcode        its index among the requests (or events) of that interface
 * @param since         the interface version that introduced it
 * @param destructor    the XML's {@code type="destructor"}
 */
public record MessageSpec(String interfaceName, String name, int opcode, int since, boolean destructor,
                          List<ArgSpec> args) {

    public MessageSpec {
        args = List.copyOf(args);
    }

    /** How many file descriptors a message of this kind takes from the connection's fd queue. */
    public int fdCount() {
        int n = 0;
        for (ArgSpec a : args) {
            if (a.type() == ArgType.FD) {
                n++;
            }
        }
        return n;
    }

    /** The position of the argument called {@code argName}. */
    public int argIndex(String argName) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).name().equals(argName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(interfaceName + "." + name + " has no argument " + argName);
    }

    @Override
    public String toString() {
        return interfaceName + "." + name;
    }
}
