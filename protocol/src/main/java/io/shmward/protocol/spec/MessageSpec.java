package io.shmward.protocol.spec;

import java.util.List;

/**
 * A request or an event of one interface.
 *
 * @param interfaceName the interface that owns the message
 * @param opcode        its index among the requests (or events) of that interface
 * @param since         the interface version that introduced it
 * @param destructor    the XML's {@code type="destructor"}
 * @param fdCount       how many file descriptors a message of this kind takes from the connection's fd
 *                      queue: counted once from {@code args}, since the codec asks for every message
 */
public record MessageSpec(String interfaceName, String name, int opcode, int since, boolean destructor,
                          List<ArgSpec> args, int fdCount) {

    public MessageSpec {
        args = List.copyOf(args);
        if (fdCount != (int) args.stream().filter(a -> a.type() == ArgType.FD).count()) {
            throw new IllegalArgumentException(interfaceName + "." + name + " takes "
                    + args.stream().filter(a -> a.type() == ArgType.FD).count() + " fds, not " + fdCount);
        }
    }

    public MessageSpec(String interfaceName, String name, int opcode, int since, boolean destructor,
                       List<ArgSpec> args) {
        this(interfaceName, name, opcode, since, destructor, args,
                (int) args.stream().filter(a -> a.type() == ArgType.FD).count());
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
